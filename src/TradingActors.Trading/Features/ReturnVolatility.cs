namespace TradingActors.Trading.Features;

/// <summary>Standard deviation of simple close-to-close returns over the last <c>period</c> bars.</summary>
public sealed class ReturnVolatility(int period) : IIndicator
{
    private readonly RollingWindow _returns = new(period);
    private decimal? _previousClose;

    public decimal? Value => _returns.IsFull ? _returns.StandardDeviation : null;

    public void Update(Bar bar)
    {
        if (_previousClose is { } previous && previous != 0m)
        {
            _returns.Add((bar.Close - previous) / previous);
        }

        _previousClose = bar.Close;
    }
}
