using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Benchmarks;

/// <summary>
/// Opens protected futures positions through the production path (position entity, entry intent filled by the
/// engine, stop intent accepted by the exchange), and waits for them: what the recovery and memory suites start from.
/// </summary>
internal static class OpenPositions
{
    private const int InFlight = 64;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<PositionId> Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => new PositionId($"{prefix}{i}"))];

    /// <summary>Opens every position and returns once each is active with its stop on the exchange.</summary>
    public static async Task OpenAsync(BenchNode node, IReadOnlyList<PositionId> ids)
    {
        await ForEachAsync(ids, id => node.Market.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, BenchNode.Symbol, PositionDirection.Long, 0.001m, new ExecutionPolicy.Market(), 50_000m, 40_000m, null, "bench"), AskTimeout));
        await UntilAsync(node, ids, view => view.Data.State == PositionState.Active && view.Data.ActiveStop is not null);
    }

    /// <summary>Closes every position and returns once each is closed.</summary>
    public static async Task CloseAsync(BenchNode node, IReadOnlyList<PositionId> ids)
    {
        await ForEachAsync(ids, id => node.Market.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), AskTimeout));
        await UntilAsync(node, ids, view => view.Data.State.IsTerminal());
    }

    /// <summary>Asks every position for its state until <paramref name="done"/> holds for all (a few rounds while entries fill).</summary>
    public static async Task UntilAsync(BenchNode node, IReadOnlyList<PositionId> ids, Func<PositionView, bool> done)
    {
        var waiting = ids.ToList();
        for (var round = 0; waiting.Count > 0; round++)
        {
            if (round == 600)
            {
                throw new TimeoutException($"{waiting.Count} positions did not reach the expected state, e.g. {waiting[0]}");
            }

            var states = new Dictionary<PositionId, bool>();
            await ForEachAsync(waiting, async id =>
            {
                var view = await node.Market.Positions.Ask<PositionView>(new GetPosition(id), AskTimeout);
                lock (states)
                {
                    states[id] = done(view);
                }
            });
            waiting = [.. waiting.Where(id => !states[id])];
            if (waiting.Count > 0)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>How many position entities live on the node.</summary>
    public static async Task<int> LiveAsync(BenchNode node) => (await TradingShards.LocalEntityIdsAsync(node.Market.Positions, AskTimeout)).Count;

    public static async Task ForEachAsync(IReadOnlyList<PositionId> ids, Func<PositionId, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                await action(ids[i]);
            }
        }));
    }
}
