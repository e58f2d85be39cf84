using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Strategy;

/// <summary>One configured strategy: what it trades, when it enters, how it sizes and protects a position.</summary>
public sealed record StrategyDefinition
{
    public required string Name { get; init; }
    public required Market Market { get; init; }
    public required Symbol Symbol { get; init; }

    /// <summary>Length of the bars the features are computed on (built locally from trades and quotes).</summary>
    public TimeSpan BarInterval { get; init; } = TimeSpan.FromMinutes(1);
    public EntryRule? Long { get; init; }
    public EntryRule? Short { get; init; }

    /// <summary>Distance from entry to the stop, as a rule expression (e.g. <c>atr(14) * 2</c>).</summary>
    public required NumericNode StopDistance { get; init; }
    public NumericNode? TakeProfitDistance { get; init; }

    /// <summary>When set, the stop trails the best price by this fraction of it.</summary>
    public decimal? TrailingDistance { get; init; }

    /// <summary>Fraction of <see cref="Equity"/> lost if the stop is hit.</summary>
    public decimal RiskPerTrade { get; init; } = 0.01m;
    public decimal Equity { get; init; } = 10_000m;
    public ExecutionPolicy EntryPolicy { get; init; } = new ExecutionPolicy.Market();

    /// <summary>A digest of the configuration, recorded with every signal so a decision can be traced to its rules.</summary>
    public string Revision { get; init; } = string.Empty;

    public IEnumerable<FeatureKey> Features =>
        (Long?.Features ?? []).Concat(Short?.Features ?? []).Concat(StopDistance.Features).Concat(TakeProfitDistance?.Features ?? []).Distinct();
}
