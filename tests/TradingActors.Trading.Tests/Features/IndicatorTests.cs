using TradingActors.Trading.Features;

namespace TradingActors.Trading.Tests.Features;

public sealed class IndicatorTests
{
    // Wilder's worked RSI example as published by StockCharts (14 periods; the spreadsheet's unrounded closes).
    private static readonly decimal[] RsiCloses =
    [
        44.3389m, 44.0902m, 44.1497m, 43.6124m, 44.3278m, 44.8264m, 45.0955m, 45.4245m, 45.8433m, 46.0826m,
        45.8931m, 46.0328m, 45.6140m, 46.2820m, 46.2820m, 46.0028m, 46.0328m, 46.4116m, 46.2222m, 45.6439m,
    ];

    [Fact]
    public void Rsi_matches_wilders_published_example()
    {
        var rsi = new RelativeStrengthIndex(14);
        var values = new List<decimal?>();
        foreach (var close in RsiCloses)
        {
            rsi.Update(Bar.FromClose(close));
            values.Add(rsi.Value);
        }

        Assert.All(values.Take(14), v => Assert.Null(v));
        Assert.Equal([70.53m, 66.32m, 66.55m, 69.41m, 66.36m, 57.97m], values.Skip(14).Select(v => Math.Round(v!.Value, 2)));
    }

    [Fact]
    public void Rsi_is_100_when_prices_only_rise_and_50_when_flat()
    {
        var rising = new RelativeStrengthIndex(3);
        var flat = new RelativeStrengthIndex(3);
        for (var i = 0; i < 5; i++)
        {
            rising.Update(Bar.FromClose(10m + i));
            flat.Update(Bar.FromClose(10m));
        }

        Assert.Equal(100m, rising.Value);
        Assert.Equal(50m, flat.Value);
    }

    [Fact]
    public void Sma_is_the_mean_of_the_last_period_closes()
    {
        var sma = new SimpleMovingAverage(3);
        sma.Update(Bar.FromClose(1m));
        sma.Update(Bar.FromClose(2m));
        Assert.Null(sma.Value);

        sma.Update(Bar.FromClose(3m));
        Assert.Equal(2m, sma.Value);

        sma.Update(Bar.FromClose(7m));
        Assert.Equal(4m, sma.Value);
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_then_smoothed_by_two_over_period_plus_one()
    {
        var ema = new ExponentialMovingAverage(3);
        foreach (var close in new[] { 2m, 4m, 6m })
        {
            ema.Update(Bar.FromClose(close));
        }

        Assert.Equal(4m, ema.Value);

        ema.Update(Bar.FromClose(8m));
        Assert.Equal(6m, ema.Value); // 4 + 0.5 * (8 - 4)

        ema.Update(Bar.FromClose(2m));
        Assert.Equal(4m, ema.Value); // 6 + 0.5 * (2 - 6)
    }

    [Fact]
    public void Atr_uses_true_range_across_gaps_and_wilder_smoothing()
    {
        var atr = new AverageTrueRange(2);
        atr.Update(new Bar(default, 10m, 12m, 9m, 11m, 0m));   // TR = 3 (range only)
        Assert.Null(atr.Value);

        atr.Update(new Bar(default, 14m, 15m, 14m, 14.5m, 0m)); // gap up: TR = 15 - 11 = 4
        Assert.Equal(3.5m, atr.Value);

        atr.Update(new Bar(default, 14m, 14.5m, 12.5m, 13m, 0m)); // TR = 2
        Assert.Equal(2.75m, atr.Value); // (3.5 * 1 + 2) / 2
    }

    [Fact]
    public void Volatility_is_the_sample_deviation_of_simple_returns()
    {
        var volatility = new ReturnVolatility(2);
        foreach (var close in new[] { 100m, 110m, 99m })
        {
            volatility.Update(Bar.FromClose(close));
        }

        // returns 0.10 and -0.10: mean 0, sample deviation sqrt(0.02) = 0.141421356...
        Assert.Equal(0.1414213562m, Math.Round(volatility.Value!.Value, 10));
    }

    [Fact]
    public void Volume_z_score_measures_the_last_volume_against_the_window()
    {
        var z = new VolumeZScore(3);
        foreach (var volume in new[] { 10m, 10m, 16m })
        {
            z.Update(new Bar(default, 1m, 1m, 1m, 1m, volume));
        }

        // mean 12, sample deviation sqrt(12) = 3.4641..., (16 - 12) / 3.4641 = 1.1547
        Assert.Equal(1.1547m, Math.Round(z.Value!.Value, 4));
    }

    [Fact]
    public void Period_return_compares_with_the_close_period_bars_earlier()
    {
        var change = new PeriodReturn(2);
        foreach (var close in new[] { 100m, 105m })
        {
            change.Update(Bar.FromClose(close));
        }

        Assert.Null(change.Value);
        change.Update(Bar.FromClose(90m));
        Assert.Equal(-0.1m, change.Value);
    }
}
