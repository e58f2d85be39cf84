namespace TradingActors.Trading.Features;

/// <summary>Simple return of the close over the close <c>period</c> bars earlier.</summary>
public sealed class PeriodReturn : IIndicator
{
    private readonly Queue<decimal> _closes = new();
    private readonly int _period;
    private decimal? _value;

    public PeriodReturn(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public decimal? Value => _value;

    public void Update(Bar bar)
    {
        _closes.Enqueue(bar.Close);
        if (_closes.Count > _period + 1)
        {
            _closes.Dequeue();
        }

        _value = _closes.Count == _period + 1 && _closes.Peek() != 0m ? (bar.Close - _closes.Peek()) / _closes.Peek() : null;
    }
}
