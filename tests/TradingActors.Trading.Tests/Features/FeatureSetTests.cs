using TradingActors.Trading.Features;
using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Tests.Features;

public sealed class FeatureSetTests
{
    [Fact]
    public void A_snapshot_carries_the_previous_bars_values_for_crossovers()
    {
        var rule = RuleParser.ParseCondition("k", "close crosses_above sma(2)");
        var features = new FeatureSet(rule.Features);

        var first = features.OnBar(Bar.FromClose(10m), At(1));
        var second = features.OnBar(Bar.FromClose(8m), At(2));   // sma 9, close below
        var third = features.OnBar(Bar.FromClose(12m), At(3));   // sma 10, close above

        Assert.Null(first.Current(new FeatureKey("sma", 2)));
        Assert.False(rule.Evaluate(second));
        Assert.Equal(9m, third.Previous(new FeatureKey("sma", 2)));
        Assert.True(rule.Evaluate(third));
    }

    [Fact]
    public void Book_quotes_give_mid_and_spread_in_basis_points()
    {
        var features = new FeatureSet([new FeatureKey("spread_bps"), new FeatureKey("mid")]);
        features.OnBook(bid: 99.95m, ask: 100.05m);

        var snapshot = features.OnBar(Bar.FromClose(100m), At(1));

        Assert.Equal(100m, snapshot.Current(new FeatureKey("mid")));
        Assert.Equal(10m, snapshot.Current(new FeatureKey("spread_bps")));
    }

    [Fact]
    public void A_crossed_or_empty_book_is_ignored()
    {
        var features = new FeatureSet([new FeatureKey("bid")]);
        features.OnBook(bid: 100m, ask: 101m);
        features.OnBook(bid: 102m, ask: 101m);
        features.OnBook(bid: 0m, ask: 101m);

        Assert.Equal(100m, features.OnBar(Bar.FromClose(100m), At(1)).Current(new FeatureKey("bid")));
    }

    [Fact]
    public void An_unknown_feature_is_refused_when_the_set_is_built()
    {
        Assert.Throws<ArgumentException>(() => new FeatureSet([new FeatureKey("vwap")]));
        Assert.Throws<ArgumentException>(() => new FeatureSet([new FeatureKey("macd", 12)]));
    }

    private static DateTimeOffset At(int minute) => new(2026, 1, 1, 0, minute, 0, TimeSpan.Zero);
}
