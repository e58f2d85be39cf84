using TradingActors.Actors;
using TradingActors.Trading.Domain;
using TradingActors.Persistence;
using TradingActors.Persistence.Query;
using TradingActors.Trading.Positions;
using static TradingActors.Node.Management.ManagementDtos;
using static TradingActors.Trading.Positions.PositionProtocol;
using static TradingActors.Trading.Positions.RegionEvents;

namespace TradingActors.Node.Management;

/// <summary>
/// <c>GET /positions</c>: positions in memory answer themselves (with unrealized PnL at the current quote); those that
/// finished and left memory are read back from their journals, which the regions' journals list. Newest first.
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
        var live = new Dictionary<PositionId, PositionView>();
        foreach (var market in node.Markets.Values)
        {
            var open = await market.Positions.Ask<PositionRegion.OpenPositions>(new PositionRegion.GetOpenPositions(), askTimeout, ct);
            foreach (var view in open.Positions)
            {
                live[view.Data.Id] = view;
            }
        }

        // Every open position is in memory (its region starts it), so only a listing with finished ones reads journals.
        var candidates = filter == Filter.Open
            ? live.Values.OrderByDescending(v => v.Data.OpenedAt).Select(v => v.Data.Id).ToList()
            : await RegisteredNewestFirstAsync(node, ct);
        var bodies = new List<PositionBody>();
        foreach (var id in candidates.TakeWhile(_ => bodies.Count < limit))
        {
            var view = live.TryGetValue(id, out var inMemory) ? inMemory : new PositionView(await ReplayAsync(node, id, ct), 0m);
            if (view.Data.State != PositionState.New && Matches(view.Data, filter))
            {
                bodies.Add(PositionBody.From(view));
            }
        }

        return bodies;
    }

    private static bool Matches(PositionData data, Filter filter) => filter switch
    {
        Filter.Open => !data.State.IsTerminal(),
        Filter.Finished => data.State.IsTerminal(),
        _ => true,
    };

    private static async Task<List<PositionId>> RegisteredNewestFirstAsync(TradingNode node, CancellationToken ct)
    {
        var registered = new List<PositionRegistered>();
        foreach (var market in node.Markets.Keys)
        {
            await foreach (var envelope in node.System.Persistence().Queries.CurrentEventsByPersistenceId(PositionRegion.PersistenceIdOf(market), cancellationToken: ct))
            {
                if (envelope.Event is PositionRegistered e)
                {
                    registered.Add(e);
                }
            }
        }

        return registered.OrderByDescending(e => e.At).Select(e => e.Id).Distinct().ToList();
    }

    public static async Task<List<EventEnvelope>> JournalAsync(TradingNode node, PositionId id, CancellationToken ct)
    {
        var events = new List<EventEnvelope>();
        await foreach (var envelope in node.System.Persistence().Queries.CurrentEventsByPersistenceId(Position.PersistenceIdOf(id), cancellationToken: ct))
        {
            events.Add(envelope);
        }

        return events;
    }

    private static async Task<PositionData> ReplayAsync(TradingNode node, PositionId id, CancellationToken ct) =>
        PositionData.Replay((await JournalAsync(node, id, ct)).Select(e => e.Event).OfType<IPositionEvent>());
}
