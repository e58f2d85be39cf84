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

    /// <summary>Fee per side as a fraction of notional, counted in the risk of a trade (default: the market's taker fee).</summary>
    public decimal FeeRate { get; init; } = 0.0005m;

    /// <summary>Slippage expected per side, a fraction of the price, counted in the risk of a trade.</summary>
    public decimal ExpectedSlippage { get; init; } = 0.0002m;

    /// <summary>A position's notional is at most this many times <see cref="Equity"/>.</summary>
    public decimal MaxLeverageUsed { get; init; } = 1m;

    /// <summary>An absolute cap on a position's notional (quote currency), if set.</summary>
    public decimal? MaxNotional { get; init; }

    /// <summary>Fees and slippage may be at most this share of a trade's risk; a closer stop refuses the entry.</summary>
    public decimal MaxCostShare { get; init; } = 0.3m;

    /// <summary>The sizing rules of this strategy.</summary>
    public SizingRules Sizing => new(Equity, RiskPerTrade, FeeRate, ExpectedSlippage, MaxLeverageUsed, MaxNotional, MaxCostShare);
    public ExecutionPolicy EntryPolicy { get; init; } = new ExecutionPolicy.Market();

    /// <summary>A digest of the configuration, recorded with every signal so a decision can be traced to its rules.</summary>
    public string Revision { get; init; } = string.Empty;

    public IEnumerable<FeatureKey> Features =>
        (Long?.Features ?? []).Concat(Short?.Features ?? []).Concat(StopDistance.Features).Concat(TakeProfitDistance?.Features ?? []).Distinct();
}
