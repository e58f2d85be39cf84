using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Strategy;

/// <summary>One condition of an entry rule and how much it adds to the confidence when it holds.</summary>
public sealed record WeightedCondition(string Key, string Text, ConditionNode Condition, decimal Weight);
