using TradingActors.Trading.Features;
using TradingActors.Trading.Strategy;
using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Tests.Strategy;

public sealed class EntryRuleTests
{
    [Fact]
    public void Confidence_is_the_weight_of_the_conditions_that_hold()
    {
        var rule = new EntryRule(
            [Condition("close > 10", 0.6m), Condition("close > 20", 0.4m)],
            MinConfidence: 0.5m);
        var snapshot = Snapshot(close: 15m);

        Assert.Equal(0.6m, rule.Confidence(snapshot));
        Assert.True(rule.Fires(snapshot, out _));
    }

    [Fact]
    public void A_rule_below_its_minimum_confidence_does_not_fire()
    {
        var rule = new EntryRule(
            [Condition("close > 10", 0.3m), Condition("close > 20", 0.7m)],
            MinConfidence: 0.5m);

        Assert.False(rule.Fires(Snapshot(close: 15m), out var confidence));
        Assert.Equal(0.3m, confidence);
    }

    [Fact]
    public void A_rule_without_conditions_never_fires()
    {
        Assert.False(new EntryRule([], MinConfidence: 0m).Fires(Snapshot(close: 1m), out _));
    }

    [Fact]
    public void Risk_based_size_loses_the_risked_fraction_at_the_stop()
    {
        Assert.Equal(2m, PositionSizing.RiskBasedQuantity(equity: 10_000m, riskFraction: 0.01m, stopDistance: 50m));
        Assert.Equal(0m, PositionSizing.RiskBasedQuantity(equity: 10_000m, riskFraction: 0.01m, stopDistance: 0m));
    }

    private static WeightedCondition Condition(string text, decimal weight) =>
        new("entry.long.conditions", text, RuleParser.ParseCondition("entry.long.conditions", text), weight);

    private static FeatureSnapshot Snapshot(decimal close) =>
        new(default, new Dictionary<FeatureKey, decimal> { [new FeatureKey("close")] = close }, new Dictionary<FeatureKey, decimal>());
}
