namespace TradingActors.Trading.Strategy.Rules;

/// <summary>A rule that does not parse, naming the configuration key and the 1-based column of the problem.</summary>
public sealed class RuleSyntaxException(string key, int column, string problem)
    : Exception($"Rule '{key}', column {column}: {problem}")
{
    public string Key { get; } = key;

    public int Column { get; } = column;

    public string Problem { get; } = problem;
}
