using System.Diagnostics;
using System.Globalization;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Memory at scale: managed heap (after a full collection) and working set of a node on the SQLite journal with no
/// position, then with many live protected futures positions (each with its stop intent live), then after they are
/// closed and have passivated (invariant 7). The simulator's engine runs in the same process and is counted.
/// Positions: 10,000 (2,000 with --quick). <c>MEMORY_HOLD_SECONDS</c> holds the live state that long, for a heap dump.
/// </summary>
public sealed class MemorySuite : IBenchmarkSuite
{
    public string Name => "memory";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var size = context.Quick ? 2_000 : 10_000;
        var engine = new ExchangeEngine(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = [BenchNode.Symbol.Value] }, TimeProvider.System);
        var exchange = new EngineFuturesExchange(engine);
        await using var journal = BenchJournal.Sqlite(always: true)!;
        var positions = new Trading.Positions.PositionSettings { PassivateAfter = TimeSpan.FromSeconds(1) };
        await using var node = await BenchNode.StartAsync(await journal.ConfigAsync("memory"), exchange, positions: positions);

        // Every shard and the code paths warmed up by a few positions opened and closed, so the empty figure is a working node.
        var warm = OpenPositions.Ids("warm", 100);
        await OpenPositions.OpenAsync(node, warm);
        await OpenPositions.CloseAsync(node, warm);
        await UntilPassivatedAsync(node);
        var empty = Sample("no position", 0, 0);

        var ids = OpenPositions.Ids("m", size);
        await OpenPositions.OpenAsync(node, ids);
        var live = Sample($"{size:N0} open positions", await OpenPositions.LiveAsync(node), await Intents(node));
        if (Environment.GetEnvironmentVariable("MEMORY_HOLD_SECONDS") is { } hold)
        {
            // Time to take a heap dump of the live state: dotnet-gcdump collect -p <pid>.
            Console.WriteLine($"holding {size:N0} live positions for {hold} s: process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }

        await OpenPositions.CloseAsync(node, ids);
        await UntilPassivatedAsync(node);
        var after = Sample($"the {size:N0} closed and passivated", await OpenPositions.LiveAsync(node), await Intents(node));

        context.Note(string.Empty);
        context.Note("### Memory: a node with many live position entities (SQLite journal, engine in process)");
        context.Note(string.Empty);
        context.Note("| state | position entities live | intent entities live | managed heap MiB | working set MiB | heap vs no position | goal |");
        context.Note("|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in new[] { empty, live, after })
        {
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"| {row.State} | {row.Positions:N0} | {row.Intents:N0} | {row.HeapMiB:0.0} | {row.WorkingSetMiB:0.0} | {row.HeapMiB / empty.HeapMiB:0.00}x | {(row == live ? "< 100 MB" : string.Empty)} |"));
        }

        context.Note(string.Create(CultureInfo.InvariantCulture, $"Per open position (with its stop intent): {(live.HeapMiB - empty.HeapMiB) * 1024 / size:0.0} KiB of managed heap."));
    }

    private static Sample Sample(string state, int positions, int intents)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Sample(state, positions, intents, heap / (1024.0 * 1024.0), process.WorkingSet64 / (1024.0 * 1024.0));
    }

    private static async Task<int> Intents(BenchNode node) => (await Trading.Sharding.TradingShards.LocalEntityIdsAsync(node.Market.Intents, TimeSpan.FromSeconds(60))).Count;

    private static async Task UntilPassivatedAsync(BenchNode node)
    {
        for (var round = 0; await OpenPositions.LiveAsync(node) > 0; round++)
        {
            if (round == 1_200)
            {
                throw new TimeoutException("closed positions did not passivate within two minutes");
            }

            await Task.Delay(100);
        }
    }
}

internal sealed record Sample(string State, int Positions, int Intents, double HeapMiB, double WorkingSetMiB);
