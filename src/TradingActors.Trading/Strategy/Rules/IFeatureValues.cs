namespace TradingActors.Trading.Strategy.Rules;

/// <summary>Feature values as of the latest update and the one before it (needed by <c>crosses_above</c>); null when not ready.</summary>
public interface IFeatureValues
{
    decimal? Current(FeatureKey key);

    decimal? Previous(FeatureKey key);
}
