using Akka.Cluster.Sharding;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Trading.Sharding;

/// <summary>
/// Routes intent commands by the intent's key, and exchange order events by the key inside their client order id
/// (<see cref="ClientOrderIds.TryIntentKey"/>): the client order id is the leg index.
/// </summary>
public sealed class IntentMessageExtractor(string clientOrderIdPrefix) : HashCodeMessageExtractor(TradingShards.MaxShards)
{
    public override string? EntityId(object message) => message switch
    {
        IIntentCommand command => command.Key,
        OrderUpdated update => KeyOf(update.Order.ClientOrderId),
        AlgoOrderUpdated update => KeyOf(update.Order.ClientAlgoId),
        OrderListUpdated update => KeyOf(update.OrderList.ListClientOrderId),
        _ => null,
    };

    /// <summary>True for an exchange event about one of our intents' orders.</summary>
    public bool IsOurs(object message) => EntityId(message) is not null;

    private string? KeyOf(ClientOrderId id) => ClientOrderIds.TryIntentKey(clientOrderIdPrefix, id, out var key) ? key : null;
}
