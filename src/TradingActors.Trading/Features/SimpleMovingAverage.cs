namespace TradingActors.Trading.Features;

/// <summary>Arithmetic mean of the last <c>period</c> closes.</summary>
public sealed class SimpleMovingAverage(int period) : IIndicator
{
    private readonly RollingWindow _window = new(period);

    public decimal? Value => _window.IsFull ? _window.Mean : null;

    public void Update(Bar bar) => _window.Add(bar.Close);
}
