using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using TradingActors.Exchange;
using TradingActors.Node.Persistence;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Orders.IntentProtocol;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Invariant 7 as a soak, and the order path's throughput: push many intents through the sharded <c>OrderIntent</c>
/// entities (a one-node cluster, the node's Akka.Persistence.Sql journal on SQLite, the simulator's matching engine
/// in process) and sample how many entities the shard holds. Finished intents passivate, so the count stays near
/// the number in flight however many have completed. Intents per second are reported beside the same orders placed
/// straight on the engine (no actors, no journal) in the same run. Count: <c>INTENT_SOAK</c> (default 100,000;
/// 5,000 with --quick).
/// </summary>
public sealed class IntentSoak : IBenchmarkSuite
{
    private const int InFlight = 64;

    public string Name => "intents";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var total = int.Parse(Environment.GetEnvironmentVariable("INTENT_SOAK") ?? (context.Quick ? "5000" : "100000"), CultureInfo.InvariantCulture);
        var directory = Path.Combine(Path.GetTempPath(), "ta-intent-soak-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var engine = new ExchangeEngine(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = ["BTCUSDT"] }, TimeProvider.System);
        var exchange = new EngineFuturesExchange(engine);
        var symbol = new Symbol("BTCUSDT");

        // Baseline: the same orders placed straight on the exchange.
        var baselineCount = Math.Max(10_000, total / 20);
        var baseline = await MeasureAsync($"engine MARKET orders ({baselineCount:N0}), {InFlight} in flight", baselineCount, i =>
            exchange.PlaceOrderAsync(OrderRequest.MarketOrder(symbol, ClientOrderId.Create($"b{i}"), i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 0.001m)));

        var journal = JournalConfiguration.Read(ConfigurationFactory.ParseString("plugin = sqlite"), directory);
        await journal.PrepareStorageAsync();
        var system = ActorSystem.Create("soak", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.sharding { remember-entities = on, remember-entities-store = eventsourced, state-store-mode = persistence }
            """).WithFallback(journal.Config).WithFallback(ClusterSharding.DefaultConfig()));
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(up.SetResult);
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task;
        // No user-data stream here: a filled intent fetches its trades at once instead of waiting for the stream.
        var market = new MarketContext(exchange, new RouterSettings { TradeSettleTimeout = TimeSpan.Zero });
        var completions = new System.Collections.Concurrent.ConcurrentDictionary<IntentId, TaskCompletionSource>();
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system).WithRememberEntities(true);

        // The intents report to their owner through the position region: here a region whose one entity completes the waiters.
        await sharding.StartAsync(
            TradingShards.PositionTypeName(Market.Futures), _ => Props.Create(() => new CompletionSink(completions)), settings, new PositionMessageExtractor());
        var intents = await sharding.StartAsync(
            TradingShards.IntentTypeName(Market.Futures), key => OrderIntent.Props(key, market), settings, new IntentMessageExtractor(market.Settings.ClientOrderIdPrefix));
        var owner = new PositionId("soak");
        var maxLive = 0;
        var sampleEvery = Math.Max(1, total / 20);
        var soak = await MeasureAsync($"intents through the entities ({total:N0}), {InFlight} in flight", total, async i =>
        {
            var id = new IntentId($"soak-{i}");
            var done = completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            intents.Tell(new SubmitIntent(id, new OrderIntentSpec.Trade
            {
                Market = Market.Futures, Symbol = symbol, Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Quantity = 0.001m,
                Policy = new ExecutionPolicy.Market(),
            }, owner));
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            completions.TryRemove(id, out _);

            if (i % sampleEvery == 0)
            {
                maxLive = Math.Max(maxLive, (await TradingShards.LocalEntityIdsAsync(intents, TimeSpan.FromSeconds(30))).Count);
            }
        });

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

        context.Header("Order intents: throughput and memory (invariant 7)");
        context.Report(soak, baseline, "finished intents leave memory");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after {total:N0} completed intents: {left} intent entities in memory (max sampled {maxLive}); managed heap {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MiB (simulator included)"));
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        Directory.Delete(directory, recursive: true);
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

    /// <summary>The stand-in position: completes the waiting submitter when its intent reports a terminal status.</summary>
    private sealed class CompletionSink : ReceiveActor
    {
        public CompletionSink(System.Collections.Concurrent.ConcurrentDictionary<IntentId, TaskCompletionSource> completions) =>
            Receive<IntentReport>(report =>
            {
                if (report.Status is IntentStatus.Completed or IntentStatus.Failed or IntentStatus.Unresolved && completions.TryGetValue(report.Id, out var done))
                {
                    done.TrySetResult();
                }
            });
    }
}
