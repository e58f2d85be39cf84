namespace TradingActors.Simulator.Engine;

/// <summary>A request the exchange refuses, carrying Binance's error code, message and HTTP status.</summary>
public sealed class ExchangeErrorException : Exception
{
    public ExchangeErrorException()
        : this(-1000, "An unknown error occurred while processing the request.")
    {
    }

    public ExchangeErrorException(string message)
        : this(-1000, message)
    {
    }

    public ExchangeErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = -1000;
        HttpStatus = 400;
    }

    public ExchangeErrorException(int code, string message, int httpStatus = 400)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    public int Code { get; }

    public int HttpStatus { get; }
}
