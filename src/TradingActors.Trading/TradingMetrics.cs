using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading;

/// <summary>
/// The trading actors' instruments (System.Diagnostics.Metrics), one meter for the process; the node exports them
/// (Prometheus text at <c>/metrics</c>). Each actor records with one call at the point that matters; latencies are
/// in seconds, as Prometheus expects.
/// </summary>
public static class TradingMetrics
{
    public const string MeterName = "TradingActors";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> OrdersSent = Meter.CreateCounter<long>("orders_sent", description: "Order requests sent to the exchange (after the journal has them), by market and leg type.");
    private static readonly Counter<long> OrdersRejected = Meter.CreateCounter<long>("orders_rejected", description: "Order requests the exchange refused, by market and leg type.");
    private static readonly Counter<long> OrdersUnknown = Meter.CreateCounter<long>("orders_unknown", description: "Order requests whose outcome is unknown (timeout, 5xx): settled by query or reconciliation.");
    private static readonly Counter<long> Fills = Meter.CreateCounter<long>("fills", description: "Trades recorded against our orders, by market and side.");
    private static readonly Histogram<double> Acknowledge = Meter.CreateHistogram<double>("intent_ack_seconds", "s", "From an intent's leg being journaled to the exchange accepting the order.");
    private static readonly Histogram<double> Persist = Meter.CreateHistogram<double>("journal_persist_seconds", "s", "From Persist to its handler (the journal's durable write), by entity kind.");
    private static readonly Histogram<double> TickToOrder = Meter.CreateHistogram<double>(
        "tick_to_order_seconds", "s", "From the market data that triggered an entry (its features reaching the strategy) to the entry order handed to the exchange client.");
    private static readonly Counter<long> ReconcileActions = Meter.CreateCounter<long>("reconcile_actions", description: "Actions reconciliations took to make the journal and the exchange agree, by market and action.");

    // Entries decided on this node whose order has not been handed to the exchange client yet: when the decision was
    // triggered, by position. The entry's intent takes its entry out when it sends the order; a position on another
    // node (a cluster) or one that never sends is dropped after a minute, so the table stays small.
    private static readonly ConcurrentDictionary<PositionId, long> PendingEntries = new();
    private const int PendingEntriesBeforePruning = 1_000;
    private static readonly TimeSpan PendingEntryLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Histogram buckets for the latencies above: 0.5 ms to 10 s.</summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static void OrderSent(Market market, LegKind kind) => OrdersSent.Add(1, Tags(market, kind));

    /// <summary>A strategy decided to enter <paramref name="position"/> on market data that arrived at <paramref name="triggeredTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void EntryDecided(PositionId position, long triggeredTimestamp)
    {
        if (PendingEntries.Count >= PendingEntriesBeforePruning)
        {
            foreach (var (id, triggered) in PendingEntries)
            {
                if (Stopwatch.GetElapsedTime(triggered) > PendingEntryLifetime)
                {
                    PendingEntries.TryRemove(id, out _);
                }
            }
        }

        PendingEntries[position] = triggeredTimestamp;
    }

    /// <summary>An order of an intent owned by <paramref name="owner"/> is handed to the exchange client: the first one of a decided entry records its tick-to-order latency.</summary>
    public static void OrderHandedOver(Market market, PositionId? owner)
    {
        if (owner is { } position && PendingEntries.TryRemove(position, out var triggered))
        {
            TickToOrder.Record(Stopwatch.GetElapsedTime(triggered).TotalSeconds, new KeyValuePair<string, object?>("market", Name(market)));
        }
    }

    /// <summary>Counts a leg's first answer (accepted, rejected, unknown) and passes it on unchanged.</summary>
    public static object OrderAnswered(Market market, LegKind kind, object outcome, long startedTimestamp)
    {
        switch (outcome)
        {
            case OrderOutcome.Accepted or AlgoOrderOutcome.Accepted or OrderListOutcome.Accepted:
                Acknowledge.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, Tags(market, kind));
                break;
            case OrderOutcome.Rejected or AlgoOrderOutcome.Rejected or OrderListOutcome.Rejected:
                OrdersRejected.Add(1, Tags(market, kind));
                break;
            default:
                OrdersUnknown.Add(1, Tags(market, kind));
                break;
        }

        return outcome;
    }

    public static void Filled(Market market, OrderSide side) =>
        Fills.Add(1, new KeyValuePair<string, object?>("market", Name(market)), new KeyValuePair<string, object?>("side", side.ToString().ToLowerInvariant()));

    public static void Persisted(string entity, long startedTimestamp) =>
        Persist.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("entity", entity));

    public static void ReconcileAction(Market market, object action) =>
        ReconcileActions.Add(1, new KeyValuePair<string, object?>("market", Name(market)), new KeyValuePair<string, object?>("action", action.GetType().Name));

    private static TagList Tags(Market market, LegKind kind) => new() { { "market", Name(market) }, { "type", kind.ToString() } };

    private static string Name(Market market) => market == Market.Futures ? "futures" : "spot";
}
