using TradingActors.Trading.Domain;
using TradingActors.Trading.Features;
using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.Strategy;

public static class StrategyProtocol
{
    /// <summary>A command to one strategy entity, addressed by its name (the entity id of <see cref="StrategyShards"/>).</summary>
    public interface IStrategyCommand
    {
        string Strategy { get; }
    }

    /// <summary>Starts the strategy if it is not running (each node sends it for every configured strategy at start).</summary>
    public sealed record StartStrategy(string Strategy) : IStrategyCommand;

    /// <summary>Stops taking new entries (open positions stay protected). Answered by <see cref="StrategyStopped"/>.</summary>
    public sealed record StopStrategy(string Strategy) : IStrategyCommand;

    public sealed record StrategyStopped(string Strategy);

    /// <summary>Answered by <see cref="Signals"/>: the strategy's most recent signals and decisions, newest first.</summary>
    public sealed record GetSignals(string Strategy) : IStrategyCommand;

    /// <summary>Published to <see cref="TradingTopics.Strategies"/> by the kill switch: every strategy stops taking new entries.</summary>
    public sealed record StopStrategies;

    public sealed record Signals(IReadOnlyList<SignalRecorded> Recent);

    /// <summary>Answered by <see cref="StrategyStatus"/>.</summary>
    public sealed record GetStrategyStatus(string Strategy) : IStrategyCommand;

    /// <summary>A strategy's refusals so far (entries its sizing or the risk manager refused) and the last reason, and whether it holds a position.</summary>
    public sealed record StrategyStatus(string Strategy, int Refusals, string? LastRefusal, bool HasPosition);

    /// <summary>Features of one closed bar, from a strategy's feature generator.</summary>
    public sealed record FeaturesReady(string Strategy, FeatureSnapshot Features, decimal Price);

    /// <summary>A journaled signal: what the rules said and what the strategy decided (with the configuration revision).</summary>
    public sealed record SignalRecorded(
        string Strategy,
        string Side,
        decimal Confidence,
        string Decision,
        PositionId? Position,
        decimal Price,
        decimal Quantity,
        string Revision,
        DateTimeOffset At) : IJournalEvent;
}
