using System.Diagnostics;
using System.Globalization;
using TradingActors.Trading.Positions;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Restart to ready with many open positions journaled: protected futures positions are opened through the production
/// path, the node stops, and a new node on the same journal starts; remember-entities restarts every position, which
/// recovers from its journal and asks about its stop. Timed from the actor system's creation until every position is
/// a live entity again, and until every one answers as active. Beside it, the same restart of a node with no
/// positions. On SQLite and PostgreSQL; positions: 1,000 and 10,000 (200 and 1,000 with --quick).
/// </summary>
public sealed class RecoverySuite : IBenchmarkSuite
{
    public string Name => "recovery";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int[] sizes = context.Quick ? [200, 1_000] : [1_000, 10_000];
        var rows = new List<string>();
        if (BenchJournal.Sqlite() is { } sqlite)
        {
            await using (sqlite)
            {
                rows.AddRange(await RunAsync(sqlite, sizes));
            }
        }

        var postgres = await BenchJournal.PostgreSqlAsync();
        if (postgres is not null)
        {
            await using (postgres)
            {
                rows.AddRange(await RunAsync(postgres, sizes));
            }
        }

        context.Note(string.Empty);
        context.Note("### Recovery: restart to ready with open positions journaled (remember-entities)");
        context.Note(string.Empty);
        context.Note("| journal | open positions | restart to all live (s) | restart to all answering active (s) | baseline: restart with none (s) | ratio | goal |");
        context.Note("|---|---:|---:|---:|---:|---:|---|");
        rows.ForEach(context.Note);
    }

    private static async Task<List<string>> RunAsync(BenchJournal journal, int[] sizes)
    {
        var engine = new ExchangeEngine(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = [BenchNode.Symbol.Value] }, TimeProvider.System);
        var exchange = new EngineFuturesExchange(engine);
        var (empty, _, _) = await RestartAsync(journal, exchange, "recovery_empty", []);
        var rows = new List<string>();
        foreach (var size in sizes)
        {
            var store = $"recovery{size}";
            var ids = OpenPositions.Ids($"r{size}x", size);
            var seeding = Stopwatch.StartNew();
            await using (var seeded = await BenchNode.StartAsync(await journal.ConfigAsync(store), exchange))
            {
                await OpenPositions.OpenAsync(seeded, ids);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{journal.Name}: {size:N0} positions opened in {seeding.Elapsed.TotalSeconds:0.0} s"));
            var (ready, live, answering) = await RestartAsync(journal, exchange, store, ids);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {journal.Name} | {size:N0} | {live:0.00} | {answering:0.00} | {empty:0.00} | {answering / empty:0.0}x | {(size == 1_000 ? "≤ 2 s" : string.Empty)} |"));
            _ = ready;
        }

        return rows;
    }

    /// <summary>Starts a node on <paramref name="store"/> and times it until the positions are live and until they answer.</summary>
    private static async Task<(double Up, double Live, double Answering)> RestartAsync(BenchJournal journal, EngineFuturesExchange exchange, string store, IReadOnlyList<Trading.Domain.PositionId> ids)
    {
        var config = await journal.ConfigAsync(store);
        var watch = Stopwatch.StartNew();
        await using var node = await BenchNode.StartAsync(config, exchange);
        var up = watch.Elapsed.TotalSeconds;
        while (ids.Count > 0 && await OpenPositions.LiveAsync(node) < ids.Count)
        {
            await Task.Delay(20);
        }

        var live = watch.Elapsed.TotalSeconds;
        await OpenPositions.UntilAsync(node, ids, view => view.Data.State == PositionState.Active);
        return (up, live, watch.Elapsed.TotalSeconds);
    }
}
