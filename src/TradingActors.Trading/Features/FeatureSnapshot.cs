using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Features;

/// <summary>Every feature's value at one bar close and at the close before it; a missing key is a feature not ready yet.</summary>
public sealed record FeatureSnapshot(
    DateTimeOffset Time,
    IReadOnlyDictionary<FeatureKey, decimal> Values,
    IReadOnlyDictionary<FeatureKey, decimal> PreviousValues) : IFeatureValues
{
    public decimal? Current(FeatureKey key) => Values.TryGetValue(key, out var value) ? value : null;

    public decimal? Previous(FeatureKey key) => PreviousValues.TryGetValue(key, out var value) ? value : null;
}
