using System.Diagnostics;
using System.Globalization;
using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Persistence;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Serialization;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Benchmarks;

/// <summary>
/// Invariant 7 as a soak: push many intents through the order router (the simulator's matching engine in process,
/// SQLite journal) and sample what the router holds in memory. Terminal intents must leave memory, so the live
/// count stays near the number in flight however many have completed. The intents-per-second figure is reported
/// beside the same orders placed straight on the engine (no actors, no journal) in the same run.
/// Count: <c>ROUTER_SOAK_INTENTS</c> (default 1,000,000; 20,000 with --quick).
/// </summary>
public sealed class RouterMemorySoak : IBenchmarkSuite
{
    private const int InFlight = 64;

    public string Name => "router-memory";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var total = int.Parse(Environment.GetEnvironmentVariable("ROUTER_SOAK_INTENTS") ?? (context.Quick ? "20000" : "1000000"), CultureInfo.InvariantCulture);
        var directory = Path.Combine(Path.GetTempPath(), "ta-router-soak-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var engine = new ExchangeEngine(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = ["BTCUSDT"] }, TimeProvider.System);
        var exchange = new EngineFuturesExchange(engine);
        var symbol = new Symbol("BTCUSDT");

        // Baseline: the same orders placed straight on the exchange.
        var baselineCount = Math.Max(10_000, total / 20);
        var baseline = await MeasureAsync($"engine MARKET orders ({baselineCount:N0}), {InFlight} in flight", baselineCount, i =>
            exchange.PlaceOrderAsync(OrderRequest.MarketOrder(symbol, ClientOrderId.Create($"b{i}"), i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 0.001m)));

        var system = ActorSystem.Create("soak");
        system.AddPersistence(new JournalOptions { SqlitePath = Path.Combine(directory, "journal.db") }, TradingJson.CreateSerializer());
        var market = new MarketContext(exchange, new RouterSettings());
        var completions = new System.Collections.Concurrent.ConcurrentDictionary<IntentId, TaskCompletionSource>();
        var sink = system.ActorOf(Props.Create(() => new CompletionSink(completions)), "reports");
        var router = system.ActorOf(OrderRouter.Props(market, sink), "router");
        var owner = new PositionId("soak");
        var maxLive = 0;
        var maxRouted = 0;
        var sampleEvery = Math.Max(1, total / 20);
        var soak = await MeasureAsync($"router intents ({total:N0}), {InFlight} in flight", total, async i =>
        {
            var id = new IntentId($"soak-{i}");
            var done = completions.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            router.Tell(new SubmitIntent(id, new OrderIntentSpec.Trade
            {
                Market = Market.Futures, Symbol = symbol, Side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Quantity = 0.001m,
                Policy = new ExecutionPolicy.Market(),
            }, owner));
            await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            completions.TryRemove(id, out _);

            if (i % sampleEvery == 0)
            {
                var footprint = await router.Ask<MemoryFootprint>(new GetMemoryFootprint(), TimeSpan.FromSeconds(30));
                maxLive = Math.Max(maxLive, footprint.LiveIntents);
                maxRouted = Math.Max(maxRouted, footprint.RoutedClientOrderIds);
            }
        });

        var final = await router.Ask<MemoryFootprint>(new GetMemoryFootprint(), TimeSpan.FromSeconds(30));
        context.Header("Order router memory (invariant 7)");
        context.Report(soak, baseline, "live intents bounded");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"router after {total:N0} completed intents: live intents {final.LiveIntents} (max sampled {maxLive}), intent actors {final.IntentActors}, routed client ids {final.RoutedClientOrderIds} (max sampled {maxRouted}); managed heap {GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024)} MiB (simulator included)"));
        await system.Terminate();
        await system.DisposeAsync();
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

    /// <summary>Completes the waiting submitter when its intent reports a terminal status.</summary>
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
