using Akka.Actor;
using Akka.Persistence.Query;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;
using static TradingActors.Node.Management.ManagementDtos;
using static TradingActors.Trading.ReadSide.PositionListProjection;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Node.Management;

/// <summary>
/// <c>GET /positions</c> from the read side (<see cref="Trading.ReadSide.PositionListProjection"/>), newest first, with the
/// unrealized PnL of open positions at this node's latest quote; a position's timeline is its own journal.
/// </summary>
internal static class PositionListing
{
    public enum Filter
    {
        All,
        Open,
        Finished,
    }

    public static bool TryFilter(string? text, out Filter filter)
    {
        filter = Filter.All;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out filter) && Enum.IsDefined(filter));
    }

    public static async Task<IReadOnlyList<PositionBody>> ListAsync(TradingNode node, Filter filter, int limit, TimeSpan askTimeout, CancellationToken ct)
    {
        var list = await node.Positions.Ask<PositionList>(new ListPositions(), askTimeout, ct);
        return list.Positions.Where(p => Matches(p, filter)).Take(limit).Select(p => PositionBody.From(View(node, p))).ToList();
    }

    /// <summary>A position's events, read from its journal (empty for an unknown id).</summary>
    public static Task<IReadOnlyList<EventEnvelope>> JournalAsync(TradingNode node, PositionId id, CancellationToken ct) =>
        node.Journal.CurrentEventsAsync(Position.PersistenceIdOf(id), ct);

    private static PositionView View(TradingNode node, PositionData data) =>
        new(data, data.IsOpen && node.Markets.TryGetValue(data.Market, out var market) && market.Context.Quotes.TryGet(data.Symbol, out var quote)
            ? data.UnrealizedPnl((quote.Bid + quote.Ask) / 2m)
            : 0m);

    private static bool Matches(PositionData data, Filter filter) => filter switch
    {
        Filter.Open => !data.State.IsTerminal(),
        Filter.Finished => data.State.IsTerminal(),
        _ => true,
    };
}
