using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Reconciliation;

/// <summary>
/// What the journal says for one market: the positions in memory (every open one is), the intents the router is
/// working, and the state of each intent of ours that has an order on the exchange but is not being worked.
/// </summary>
public sealed record LocalTruth(
    IReadOnlyList<PositionData> Positions,
    IReadOnlyList<IntentProtocol.IntentReport> LiveIntents,
    IReadOnlyDictionary<IntentId, IntentProtocol.IntentReport?> DormantIntents)
{
    /// <summary>The intents a position may have created; their ids are derived from the position's, so they can be recomputed.</summary>
    public static IEnumerable<IntentId> IntentsOf(PositionData position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var id = position.Id.Value;
        yield return position.EntryIntent;
        yield return new IntentId($"{id}-rb");
        yield return new IntentId($"{id}-tp");
        yield return new IntentId($"{id}-ts");
        for (var n = 1; n <= position.StopAttempts + 1; n++)
        {
            yield return new IntentId($"{id}-sl{n}");
        }

        for (var n = 1; n <= position.CloseAttempts + 1; n++)
        {
            yield return new IntentId($"{id}-x{n}");
        }
    }

    /// <summary>The part of a client order id that names its intent (the leg follows the last dash).</summary>
    public static string IntentDigest(ClientOrderId clientOrderId) =>
        clientOrderId.Value.LastIndexOf('-') is var dash and > 0 ? clientOrderId.Value[..dash] : clientOrderId.Value;
}
