namespace TradingActors.Trading.Features;

/// <summary>
/// EMA with smoothing 2/(period+1), seeded with the simple average of the first <c>period</c> closes
/// (the convention of TA-Lib and most charting tools, so values can be checked against them).
/// </summary>
public sealed class ExponentialMovingAverage : IIndicator
{
    private readonly int _period;
    private readonly decimal _alpha;
    private decimal _seedSum;
    private int _count;
    private decimal _value;

    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _alpha = 2m / (period + 1);
    }

    public decimal? Value => _count >= _period ? _value : null;

    public void Update(Bar bar)
    {
        _count++;
        if (_count < _period)
        {
            _seedSum += bar.Close;
        }
        else if (_count == _period)
        {
            _value = (_seedSum + bar.Close) / _period;
        }
        else
        {
            _value += _alpha * (bar.Close - _value);
        }
    }
}
