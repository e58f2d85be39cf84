using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Orders.IntentProtocol;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;

namespace TradingActors.Benchmarks;

/// <summary>
/// The order path's throughput, and invariant 7 as a soak: push many intents through the sharded <c>OrderIntent</c>
/// entities (a one-node cluster, the node's Akka.Persistence.Sql journal, the simulator's matching engine in process,
/// fills on a user-data stream through the gateway) and sample how many entities the shard holds. Finished intents
/// passivate, so the count stays near the number in flight however many have completed. Intents per second on
/// SQLite and PostgreSQL are reported beside the same orders placed straight on the engine (no actors, no journal)
/// and beside the same path on Akka's in-memory journal, in the same run. Count: <c>INTENT_SOAK</c> (default
/// 20,000; 3,000 with --quick).
/// </summary>
public sealed class IntentSoak : IBenchmarkSuite
{
    private static readonly int InFlight = int.Parse(Environment.GetEnvironmentVariable("INFLIGHT") ?? "64", CultureInfo.InvariantCulture);

    public string Name => "intents";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var total = int.Parse(Environment.GetEnvironmentVariable("INTENT_SOAK") ?? (context.Quick ? "3000" : "20000"), CultureInfo.InvariantCulture);

        // Baseline: the same orders placed straight on the exchange.
        var direct = new EngineFuturesExchange(NewEngine());
        var baselineCount = Math.Max(10_000, total);
        var baseline = await MeasureAsync($"engine MARKET orders ({baselineCount:N0}), {InFlight} in flight", baselineCount, i =>
            direct.PlaceOrderAsync(OrderRequest.MarketOrder(BenchNode.Symbol, ClientOrderId.Create($"b{i}"), i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 0.001m)));

        context.Header("Order path: intents through the OrderIntent entities (each journaled before it is sent, filled by the engine)");
        await using var memory = BenchJournal.InMemory();
        var inMemory = await SoakAsync(memory, total);
        context.Report(inMemory.Rate, baseline);
        SoakResult? onSqlite = null;
        if (BenchJournal.Sqlite() is { } sqlite)
        {
            await using (sqlite)
            {
                onSqlite = await SoakAsync(sqlite, total);
                context.Report(onSqlite.Rate, baseline, "≥ 500/s");
                context.Report(onSqlite.Rate with { Name = onSqlite.Rate.Name + " vs in-memory" }, inMemory.Rate);
            }
        }
        var postgres = await BenchJournal.PostgreSqlAsync();
        SoakResult? onPostgres = null;
        if (postgres is not null)
        {
            await using (postgres)
            {
                onPostgres = await SoakAsync(postgres, total);
                context.Report(onPostgres.Rate, baseline, "≥ 2,000/s");
                context.Report(onPostgres.Rate with { Name = onPostgres.Rate.Name + " vs in-memory" }, inMemory.Rate);
            }
        }

        foreach (var result in new[] { inMemory, onSqlite, onPostgres }.OfType<SoakResult>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Journal}: after {total:N0} completed intents {result.Left} intent entities in memory (max sampled {result.MaxLive}); managed heap {result.HeapMiB} MiB"));
        }
    }

    private static ExchangeEngine NewEngine() =>
        new(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = [BenchNode.Symbol.Value] }, TimeProvider.System);

    private static async Task<SoakResult> SoakAsync(BenchJournal journal, int total)
    {
        var exchange = new EngineFuturesExchange(NewEngine());
        var completions = new ConcurrentDictionary<IntentId, TaskCompletionSource>();
        var node = await BenchNode.StartAsync(
            await journal.ConfigAsync("soak"), exchange, positionProps: _ => Props.Create(() => new CompletionSink(completions)));
        var intents = node.Market.Intents;
        var owner = new PositionId("soak");
        var maxLive = 0;
        var latencies = new double[total];
        var sampleEvery = Math.Max(1, total / 20);
        // Warm-up: every shard is allocated by the coordinator and starts its remember-entities store on first use.
        var warmUp = Math.Min(1_000, total / 5);
        await MeasureAsync("warm-up", warmUp, i => SubmitAsync($"warm-{i}", i));
        var rate = await MeasureAsync($"{journal.Name}: {total:N0} intents, {InFlight} in flight", total, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            await SubmitAsync($"soak-{i}", i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i % sampleEvery == 0)
            {
                maxLive = Math.Max(maxLive, (await TradingShards.LocalEntityIdsAsync(intents, TimeSpan.FromSeconds(30))).Count);
            }
        });

        async Task SubmitAsync(string key, int i)
        {
            var id = new IntentId(key);
            var done = completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            intents.Tell(new SubmitIntent(id, new OrderIntentSpec.Trade
            {
                Market = Market.Futures, Symbol = BenchNode.Symbol, Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Quantity = 0.001m,
                Policy = new ExecutionPolicy.Market(),
            }, owner));
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            completions.TryRemove(id, out _);
        }

        // Passivation of the last ones is asynchronous: wait until the shard has let them go.
        var left = int.MaxValue;
        for (var round = 0; round < 100 && left > 0; round++)
        {
            left = (await TradingShards.LocalEntityIdsAsync(intents, TimeSpan.FromSeconds(30))).Count;
            if (left > 0)
            {
                await Task.Delay(100);
            }
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{journal.Name}: submit to completion p50 {latencies[total / 2]:0.0} ms, p99 {latencies[total * 99 / 100]:0.0} ms, max {latencies[^1]:0.0} ms"));
        var heap = GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024);
        await node.DisposeAsync();
        return new SoakResult(journal.Name, rate, left, maxLive, heap);
    }

    private static async Task<Measurement> MeasureAsync(string name, int count, Func<int, Task> operation)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await operation(i);
            }
        }));
        return new Measurement(name, count / watch.Elapsed.TotalSeconds);
    }

    private sealed record SoakResult(string Journal, Measurement Rate, int Left, int MaxLive, long HeapMiB);

    /// <summary>The stand-in position: completes the waiting submitter when its intent reports a terminal status.</summary>
    private sealed class CompletionSink : ReceiveActor
    {
        public CompletionSink(ConcurrentDictionary<IntentId, TaskCompletionSource> completions) =>
            Receive<IntentReport>(report =>
            {
                if (report.Status is IntentStatus.Completed or IntentStatus.Failed or IntentStatus.Unresolved && completions.TryGetValue(report.Id, out var done))
                {
                    done.TrySetResult();
                }
            });
    }
}
