using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Strategy;

/// <summary>
/// The conditions for entering one side. Confidence is the weight of the conditions that hold over the
/// total weight; the rule fires when it reaches <see cref="MinConfidence"/>.
/// </summary>
public sealed record EntryRule(IReadOnlyList<WeightedCondition> Conditions, decimal MinConfidence)
{
    public IEnumerable<FeatureKey> Features => Conditions.SelectMany(c => c.Condition.Features);

    public decimal Confidence(IFeatureValues values)
    {
        var total = 0m;
        var met = 0m;
        foreach (var condition in Conditions)
        {
            total += condition.Weight;
            if (condition.Condition.Evaluate(values))
            {
                met += condition.Weight;
            }
        }

        return total == 0m ? 0m : met / total;
    }

    public bool Fires(IFeatureValues values, out decimal confidence)
    {
        confidence = Confidence(values);
        return Conditions.Count > 0 && confidence >= MinConfidence;
    }
}
