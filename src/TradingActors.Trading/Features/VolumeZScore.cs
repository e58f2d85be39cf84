namespace TradingActors.Trading.Features;

/// <summary>How many standard deviations the latest bar's volume lies from the mean of the last <c>period</c> bars (itself included).</summary>
public sealed class VolumeZScore(int period) : IIndicator
{
    private readonly RollingWindow _volumes = new(period);
    private decimal _last;

    public decimal? Value
    {
        get
        {
            if (!_volumes.IsFull)
            {
                return null;
            }

            var deviation = _volumes.StandardDeviation;
            return deviation == 0m ? 0m : (_last - _volumes.Mean) / deviation;
        }
    }

    public void Update(Bar bar)
    {
        _last = bar.Volume;
        _volumes.Add(bar.Volume);
    }
}
