namespace TradingActors.Exchange;

/// <summary>
/// A read (open orders, positions, balances...) that did not succeed. Reads change nothing, so the
/// caller may simply retry later.
/// </summary>
public sealed class ExchangeRequestException : Exception
{
    public ExchangeRequestException()
    {
    }

    public ExchangeRequestException(string message)
        : base(message)
    {
    }

    public ExchangeRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExchangeRequestException(int? code, string message, bool outcomeUnknown = false)
        : base(message)
    {
        Code = code;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The venue's error code, if it sent one.</summary>
    public int? Code { get; }

    /// <summary>True when the venue may have acted on the request (timeout, 5xx).</summary>
    public bool OutcomeUnknown { get; }
}
