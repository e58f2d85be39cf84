namespace TradingActors.Trading.Features;

/// <summary>Wilder's RSI: averages of gains and losses seeded by a simple mean, then smoothed by 1/period.</summary>
public sealed class RelativeStrengthIndex : IIndicator
{
    private readonly int _period;
    private decimal? _previousClose;
    private int _changes;
    private decimal _averageGain;
    private decimal _averageLoss;

    public RelativeStrengthIndex(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    public decimal? Value
    {
        get
        {
            if (_changes < _period)
            {
                return null;
            }

            if (_averageLoss == 0m)
            {
                return _averageGain == 0m ? 50m : 100m;
            }

            return 100m - (100m / (1m + (_averageGain / _averageLoss)));
        }
    }

    public void Update(Bar bar)
    {
        if (_previousClose is not { } previous)
        {
            _previousClose = bar.Close;
            return;
        }

        var change = bar.Close - previous;
        var gain = change > 0m ? change : 0m;
        var loss = change < 0m ? -change : 0m;
        _previousClose = bar.Close;
        _changes++;
        if (_changes <= _period)
        {
            _averageGain += gain / _period;
            _averageLoss += loss / _period;
        }
        else
        {
            _averageGain = ((_averageGain * (_period - 1)) + gain) / _period;
            _averageLoss = ((_averageLoss * (_period - 1)) + loss) / _period;
        }
    }
}
