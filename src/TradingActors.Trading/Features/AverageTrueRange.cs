namespace TradingActors.Trading.Features;

/// <summary>
/// Wilder's ATR. The first true range is the bar's range (no previous close yet); the first ATR is the
/// mean of <c>period</c> true ranges, later ones are smoothed by 1/period.
/// </summary>
public sealed class AverageTrueRange : IIndicator
{
    private readonly int _period;
    private decimal? _previousClose;
    private int _count;
    private decimal _value;

    public AverageTrueRange(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public decimal? Value => _count >= _period ? _value : null;

    public void Update(Bar bar)
    {
        var range = bar.High - bar.Low;
        var trueRange = _previousClose is { } close
            ? Math.Max(range, Math.Max(Math.Abs(bar.High - close), Math.Abs(bar.Low - close)))
            : range;
        _previousClose = bar.Close;
        _count++;
        if (_count <= _period)
        {
            _value += trueRange / _period;
        }
        else
        {
            _value = ((_value * (_period - 1)) + trueRange) / _period;
        }
    }
}
