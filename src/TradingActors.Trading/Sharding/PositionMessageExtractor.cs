using Akka.Cluster.Sharding;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Trading.Sharding;

/// <summary>Routes commands to their position, and an intent's reports to the position that owns the intent.</summary>
public sealed class PositionMessageExtractor() : HashCodeMessageExtractor(TradingShards.MaxShards)
{
    public override string? EntityId(object message) => message switch
    {
        PositionProtocol.IPositionCommand command => command.Id.Value,
        IntentReport { Owner: { } owner } => owner.Value,
        _ => null,
    };
}
