using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Persistence;
using TradingActors.Exchange;
using TradingActors.Trading;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Features;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Strategy.Rules;
using static TradingActors.Trading.Risk.RiskProtocol;
using static TradingActors.Trading.Strategy.StrategyProtocol;
using EngineOptions = TradingActors.Simulator.Engine.EngineOptions;
using ExchangeEngine = TradingActors.Simulator.Engine.ExchangeEngine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Tick to order: a book ticker enters the gateway's market-data stream, reaches the features through the market
/// data hub, the strategy decides, asks risk, journals its signal and opens the position; the position entity
/// (sharded, remember-entities) journals it and submits its entry intent; the intent entity journals the intent and
/// the order, and hands the order to the exchange client, where the clock stops. One decision at a time (the latency
/// of an idle system meeting a tick), on Akka's in-memory journal, SQLite and PostgreSQL, beside a raw
/// <c>Channel&lt;T&gt;</c> chain with as many hops. The gateway, hub, position and intent are the production actors;
/// the feature, strategy and risk stages are stand-ins that do what the production ones do per decision (the real
/// <see cref="FeatureSet"/>, a journaled <see cref="SignalRecorded"/>, an Ask to risk) but decide on every tick
/// and hold no position: the production strategy decides at bar close and holds one position at a time, and the
/// production risk manager reads the open positions from the read side. The exchange refuses the entries, so every
/// position ends at once and leaves memory. Decisions: <c>TICK_DECISIONS</c> (10,000; 2,000 with --quick).
/// </summary>
public sealed class TickToOrderSuite : IBenchmarkSuite
{
    /// <summary>
    /// Asynchronous hand-offs between the tick and the order, not counting journal round trips: stream -> gateway
    /// pump, hub -> features, features -> strategy, strategy -> risk, risk -> strategy (the Ask's reply), the reply
    /// piped to the strategy, strategy -> position region -> shard -> position, position -> intent region -> shard ->
    /// intent. The baseline chain has as many.
    /// </summary>
    private const int Hops = 12;

    public string Name => "latency";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decisions = int.Parse(Environment.GetEnvironmentVariable("TICK_DECISIONS") ?? (context.Quick ? "2000" : "10000"), CultureInfo.InvariantCulture);
        var channel = await ChannelChainAsync(decisions);
        var results = new List<(LatencyFigures Figures, string Breakdown)>();
        await using (var memory = BenchJournal.InMemory())
        {
            results.Add(await PathAsync(memory, decisions));
        }

        if (BenchJournal.Sqlite() is { } sqlite)
        {
            await using (sqlite)
            {
                results.Add(await PathAsync(sqlite, decisions));
            }
        }

        var postgres = await BenchJournal.PostgreSqlAsync();
        if (postgres is not null)
        {
            await using (postgres)
            {
                results.Add(await PathAsync(postgres, decisions));
            }
        }

        context.LatencyHeader("Tick to order (one decision at a time; ms)");
        var inMemory = results[0].Figures;
        foreach (var (figures, _) in results)
        {
            context.ReportLatency(figures, channel, figures == inMemory ? string.Empty : "p99 ≤ 2 ms");
        }

        foreach (var (figures, _) in results.Skip(1))
        {
            context.ReportLatency(figures with { Name = figures.Name + " vs in-memory" }, inMemory);
        }

        context.Note(string.Empty);
        foreach (var (_, breakdown) in results)
        {
            context.Note(breakdown);
        }
    }

    /// <summary>The baseline: a tick through <see cref="Hops"/> tasks chained by unbounded channels, one at a time.</summary>
    private static async Task<LatencyFigures> ChannelChainAsync(int decisions)
    {
        var channels = Enumerable.Range(0, Hops + 1).Select(_ => Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true })).ToArray();
        var stages = Enumerable.Range(0, Hops).Select(i => Task.Run(async () =>
        {
            await foreach (var tick in channels[i].Reader.ReadAllAsync())
            {
                await channels[i + 1].Writer.WriteAsync(tick);
            }

            channels[i + 1].Writer.Complete();
        })).ToArray();
        var latencies = new double[decisions];
        for (var i = -Warmup(decisions); i < decisions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await channels[0].Writer.WriteAsync(i);
            await channels[^1].Reader.ReadAsync();
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        channels[0].Writer.Complete();
        await Task.WhenAll(stages);
        return LatencyFigures.Of($"`Channel<T>` chain, {Hops} hops", latencies);
    }

    private static int Warmup(int decisions) => Math.Min(500, decisions / 10);

    private static async Task<(LatencyFigures, string)> PathAsync(BenchJournal journal, int decisions)
    {
        var engine = new ExchangeEngine(new EngineOptions { FuturesWalletBalance = 1_000_000_000m, Symbols = [BenchNode.Symbol.Value] }, TimeProvider.System);
        var exchange = new EngineFuturesExchange(engine) { RejectWith = ExchangeErrorCodes.OrderDoesNotExist };
        var orders = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        var prefix = new RouterSettings().ClientOrderIdPrefix;
        exchange.OnOrder = (request, at) =>
        {
            if (ClientOrderIds.TryIntentKey(prefix, request.ClientOrderId, out var key) && orders.TryRemove(key, out var order))
            {
                order.TrySetResult(at);
            }
        };

        using var metrics = new MetricsRecorder();
        var node = await BenchNode.StartAsync(await journal.ConfigAsync("latency"), exchange, positions: new PositionSettings { PassivateAfter = TimeSpan.FromSeconds(1) });
        var warmup = Warmup(decisions);
        var stages = new Stages(decisions + warmup);
        var risk = node.System.ActorOf(Props.Create(() => new RiskStage()), "risk");
        var strategy = node.System.ActorOf(Props.Create(() => new StrategyStage(node.Market.Positions, risk, stages, warmup)), "strategy");
        node.System.ActorOf(Props.Create(() => new FeatureStage(node.Market.Context.MarketData, strategy, stages, warmup)), "features");

        // The gateway subscribes before the first tick, and the features subscribe to the hub.
        while (node.Market.Context.MarketData.SubscriberCount(BenchNode.Symbol) == 0)
        {
            await Task.Delay(10);
        }

        var latencies = new double[decisions];
        for (var i = -warmup; i < decisions; i++)
        {
            if (i == 0)
            {
                metrics.Clear();
            }

            var order = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            orders[ClientOrderIds.IntentKey(new IntentId($"{StrategyStage.PositionOf(i).Value}-en"))] = order;
            var started = Stopwatch.GetTimestamp();
            stages.Ticked[i + warmup] = started;
            var mid = 50_000m + (i % 100);
            await exchange.PublishAsync(new BookTicker
            {
                Market = Market.Futures, Symbol = BenchNode.Symbol, EventTime = DateTimeOffset.UtcNow, UpdateId = i,
                BidPrice = mid - 0.05m, BidQuantity = 1m, AskPrice = mid + 0.05m, AskQuantity = 1m,
            });
            var handedOver = await order.Task.WaitAsync(TimeSpan.FromSeconds(60));
            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started, handedOver).TotalMilliseconds;
                stages.Ordered[i + warmup] = handedOver;
            }
        }

        var breakdown = Breakdown(journal.Name, stages, warmup, decisions, metrics);
        await node.DisposeAsync();
        return (LatencyFigures.Of(journal.Name, latencies), breakdown);
    }

    /// <summary>Medians of each stage over the measured decisions, and the journal writes the production actors measured.</summary>
    private static string Breakdown(string journal, Stages s, int warmup, int decisions, MetricsRecorder metrics)
    {
        double Median(Func<int, double> stage) => LatencyFigures.Of(string.Empty, [.. Enumerable.Range(warmup, decisions).Select(stage)]).P50;
        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        double MedianOf(string series) => metrics.Milliseconds(series) is { Length: > 0 } values ? LatencyFigures.Of(string.Empty, values).P50 : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"{journal}, stage medians (ms): tick -> features (gateway, hub) {Median(i => Ms(s.Ticked[i], s.Featured[i])):0.000}; " +
            $"-> strategy {Median(i => Ms(s.Featured[i], s.Decided[i])):0.000}; risk ask {Median(i => Ms(s.Decided[i], s.Approved[i])):0.000}; " +
            $"signal journaled {Median(i => Ms(s.Approved[i], s.Signalled[i])):0.000}; " +
            $"position + intent (remember-entities, journal writes, hops) {Median(i => Ms(s.Signalled[i], s.Ordered[i])):0.000}. " +
            $"Journal writes measured by the actors: position {MedianOf("journal_persist_seconds{entity=position}"):0.000}, intent {MedianOf("journal_persist_seconds{entity=intent}"):0.000}; " +
            $"tick_to_order_seconds (strategy -> order, as the node exports it) p50 {MedianOf("tick_to_order_seconds"):0.000}.");
    }

    /// <summary>Timestamps of each decision at each stage (<see cref="Stopwatch.GetTimestamp"/>), by tick.</summary>
    private sealed class Stages(int count)
    {
        public long[] Ticked { get; } = new long[count];

        public long[] Featured { get; } = new long[count];

        public long[] Decided { get; } = new long[count];

        public long[] Approved { get; } = new long[count];

        public long[] Signalled { get; } = new long[count];

        public long[] Ordered { get; } = new long[count];
    }

    private sealed record Features(long Tick, FeatureSnapshot Snapshot, decimal Price);

    private sealed record Decided(Features Features, object Risk, long Triggered);

    /// <summary>Features of every tick, computed by the production <see cref="FeatureSet"/>.</summary>
    private sealed class FeatureStage : ReceiveActor
    {
        private readonly MarketDataHub _hub;
        private readonly FeatureSet _features = new([new FeatureKey("ema", 20), new FeatureKey("rsi", 14), new FeatureKey("atr", 14), new FeatureKey("volatility", 20), new FeatureKey("mid"), new FeatureKey("spread_bps")]);

        public FeatureStage(MarketDataHub hub, IActorRef strategy, Stages stages, int warmup)
        {
            _hub = hub;
            Receive<BookTicker>(t =>
            {
                stages.Featured[t.UpdateId + warmup] = Stopwatch.GetTimestamp();
                var mid = (t.BidPrice + t.AskPrice) / 2m;
                _features.OnBook(t.BidPrice, t.AskPrice);
                var now = DateTimeOffset.UtcNow;
                strategy.Tell(new Features(t.UpdateId, _features.OnBar(new Bar(now, mid, mid, mid, mid, 1m), now), mid));
            });
        }

        protected override void PreStart() => _hub.Subscribe(BenchNode.Symbol, Self);

        protected override void PostStop() => _hub.Unsubscribe(BenchNode.Symbol, Self);
    }

    /// <summary>Asks risk, journals the signal, opens the position: what <c>TradingStrategy</c> does per entry.</summary>
    private sealed class StrategyStage : ReceivePersistentActor
    {
        public StrategyStage(IActorRef positions, IActorRef risk, Stages stages, int warmup)
        {
            Command<Features>(f =>
            {
                var triggered = Stopwatch.GetTimestamp();
                stages.Decided[f.Tick + warmup] = triggered;
                risk.Ask<object>(new CheckEntry(Market.Futures, BenchNode.Symbol, 0.001m, f.Price), TimeSpan.FromSeconds(10))
                    .PipeTo(Self, success: answer => new Decided(f, answer, triggered), failure: e => new Decided(f, new EntryDenied(e.Message), triggered));
            });
            Command<Decided>(d =>
            {
                stages.Approved[d.Features.Tick + warmup] = Stopwatch.GetTimestamp();
                if (d.Risk is not EntryApproved)
                {
                    return;
                }

                var id = PositionOf(d.Features.Tick);
                TradingMetrics.EntryDecided(id, d.Triggered);
                var price = d.Features.Price;
                Persist(new SignalRecorded("bench", "LONG", 1m, "opened", id, price, 0.001m, "bench", DateTimeOffset.UtcNow), _ =>
                {
                    stages.Signalled[d.Features.Tick + warmup] = Stopwatch.GetTimestamp();
                    positions.Tell(new PositionProtocol.OpenPosition(
                        id, Market.Futures, BenchNode.Symbol, PositionDirection.Long, 0.001m, new ExecutionPolicy.Market(), price, price * 0.99m, null, "strategy:bench"));
                });
            });
            Command<PositionProtocol.PositionAccepted>(_ => { });
            Command<PositionProtocol.PositionRejected>(r => throw new InvalidOperationException($"position {r.Id} refused: {r.Reason}"));
        }

        public override string PersistenceId => "strategy-bench";

        public static PositionId PositionOf(long tick) => new($"t{tick + 1_000_000}");
    }

    /// <summary>Approves every entry: the limit checks of <c>RiskManager.Decide</c> without its read of the open positions.</summary>
    private sealed class RiskStage : ReceiveActor
    {
        public RiskStage() => Receive<CheckEntry>(_ => Sender.Tell(new EntryApproved(Guid.NewGuid())));
    }
}
