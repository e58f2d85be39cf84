using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Positions;

/// <summary>
/// A position as the fold of its events. <see cref="Apply"/> serves live processing and recovery alike;
/// it refuses any event the transition table does not allow.
/// </summary>
public sealed record PositionData
{
    public static readonly PositionData Empty = new();

    public PositionState State { get; init; } = PositionState.New;
    public PositionId Id { get; init; }
    public IntentId EntryIntent { get; init; }
    public Market Market { get; init; }
    public Symbol Symbol { get; init; }
    public PositionDirection Direction { get; init; }

    /// <summary>The quantity asked for at entry.</summary>
    public decimal RequestedQuantity { get; init; }

    /// <summary>What the entry's fills added up to (a correction or a partial exit does not change it).</summary>
    public decimal EnteredQuantity { get; init; }

    /// <summary>The quantity held now (what filled, or what the reconciler found).</summary>
    public decimal Quantity { get; init; }
    public decimal DecisionPrice { get; init; }
    public decimal EntryPrice { get; init; }
    public decimal? StopPrice { get; init; }
    public decimal? TakeProfitPrice { get; init; }
    public string Origin { get; init; } = string.Empty;
    /// <summary>Every commission paid, entry and exits, in the quote asset.</summary>
    public decimal Fees { get; init; }

    /// <summary>The entry's share of <see cref="Fees"/>, charged to the final close's PnL.</summary>
    public decimal EntryFees { get; init; }
    public decimal RealizedPnl { get; init; }
    public decimal? ExitPrice { get; init; }
    public CloseReason? CloseReason { get; init; }
    public IntentId? ExitIntent { get; init; }
    public int CloseAttempts { get; init; }


    /// <summary>Stops requested so far (armed or failed); names the next stop intent.</summary>
    public int StopAttempts { get; init; }

    /// <summary>Stops that failed in a row since one was last armed; bounds the retries, which moves must not use up.</summary>
    public int StopFailures { get; init; }
    public ExecutionPolicy? EntryPolicy { get; init; }
    public ExecutionPolicy? ExitPolicy { get; init; }
    public int Alerts { get; init; }

    /// <summary>Protective orders on the exchange (or the guard stop), by client order id.</summary>
    public IReadOnlyDictionary<ClientOrderId, Protection> Protections { get; init; } = new Dictionary<ClientOrderId, Protection>();
    public bool? VerifiedFlat { get; init; }
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>A stop move accepted but not yet armed on the exchange.</summary>
    public decimal? RequestedStop { get; init; }

    /// <summary>The stop trails the best price by this fraction; null for a fixed stop.</summary>
    public decimal? TrailingDistance { get; init; }

    /// <summary>The aged-exit phase last journaled; null while young.</summary>
    public Aging.AgedExitPhaseChanged? AgedExit { get; init; }
    public DateTimeOffset? ActiveSince { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public bool IsOpen => State is PositionState.Active or PositionState.PendingClosing;

    /// <summary>The newest stop (an exchange-held trailing stop rests beside it and is not one).</summary>
    public Protection? ActiveStop => Protections.Values
        .Where(p => p.Kind is ProtectionKind.Stop or ProtectionKind.GuardStop or ProtectionKind.Oco)
        .OrderByDescending(p => p.ArmedAt)
        .FirstOrDefault();

    /// <summary>Profit of the open quantity at <paramref name="markPrice"/>, before exit fees.</summary>
    public decimal UnrealizedPnl(decimal markPrice) =>
        IsOpen && Quantity > 0m ? Direction.Sign() * (markPrice - EntryPrice) * Quantity : 0m;

    /// <summary>The position its journal describes; an event that is not a valid transition is skipped, as in recovery.</summary>
    public static PositionData Replay(IEnumerable<IPositionEvent> events) =>
        events.Aggregate(Empty, (data, e) => PositionTransitions.TryNext(data.State, e, out _) ? data.Apply(e) : data);

    public PositionData Apply(IPositionEvent evt)
    {
        if (!PositionTransitions.TryNext(State, evt, out var next))
        {
            throw new InvalidStateTransitionException(State, evt);
        }

        var data = this with { State = next };
        return evt switch
        {
            PositionOpened e => data with
            {
                Id = e.Id, EntryIntent = e.EntryIntent, Market = e.Market, Symbol = e.Symbol, Direction = e.Direction,
                RequestedQuantity = e.Quantity, DecisionPrice = e.DecisionPrice, StopPrice = e.StopPrice,
                TakeProfitPrice = e.TakeProfitPrice, Origin = e.Origin, OpenedAt = e.At, EntryPolicy = e.EntryPolicy,
                TrailingDistance = e.TrailingDistance,
            },
            EntryFilled e => data with
            {
                // Several fills of one entry average into one entry price.
                EntryPrice = Quantity + e.Quantity == 0m ? 0m : ((EntryPrice * Quantity) + (e.AveragePrice * e.Quantity)) / (Quantity + e.Quantity),
                Quantity = Quantity + e.Quantity,
                EnteredQuantity = EnteredQuantity + e.Quantity,
                Fees = Fees + e.Fees,
                EntryFees = EntryFees + e.Fees,
                ActiveSince = ActiveSince ?? e.At,
            },
            EntryFailed or EntryRolledBack => data with { ClosedAt = evt.At },
            ProtectionArmed e => data with
            {
                Protections = new Dictionary<ClientOrderId, Protection>(Protections) { [e.ClientOrderId] = new(e.Intent, e.Kind, e.ClientOrderId, e.TriggerPrice, e.At) },
                StopAttempts = IsCompanion(e.Kind) ? StopAttempts : StopAttempts + 1,
                StopFailures = IsCompanion(e.Kind) ? StopFailures : 0,
                StopPrice = e.Kind is ProtectionKind.Stop or ProtectionKind.GuardStop or ProtectionKind.Oco ? e.TriggerPrice : StopPrice,
                RequestedStop = RequestedStop == e.TriggerPrice ? null : RequestedStop,
            },
            StopMoveRequested e => data with { RequestedStop = e.StopPrice },
            ProtectionFailed => data with { StopAttempts = StopAttempts + 1, StopFailures = StopFailures + 1, RequestedStop = null },
            AlertRaised => data with { Alerts = Alerts + 1 },
            ProtectionCancelled e => data with { Protections = Protections.Where(p => p.Key != e.ClientOrderId).ToDictionary() },
            CloseStarted e => data with { CloseReason = e.Reason, ExitIntent = e.ExitIntent, CloseAttempts = CloseAttempts + 1, ExitPolicy = e.Policy },
            CloseFailed => data with { CloseReason = null, ExitIntent = null },
            PositionClosed e => data with
            {
                CloseReason = e.Reason, ExitPrice = e.ExitPrice, Fees = Fees + e.Fees,
                RealizedPnl = RealizedPnl + e.RealizedPnl, ClosedAt = e.At,
            },
            OrphanClosed e => data with { CloseReason = Positions.CloseReason.Reconciled, RealizedPnl = RealizedPnl + e.RealizedPnl, ClosedAt = e.At },
            QuantityCorrected e => data with { Quantity = e.Quantity },
            ExitPartiallyFilled e => data with { Quantity = Quantity - e.Quantity, Fees = Fees + e.Fees, RealizedPnl = RealizedPnl + e.RealizedPnl },
            Aging.AgedExitPhaseChanged e => data with { AgedExit = e },
            FlatnessChecked e => data with { VerifiedFlat = e.IsFlat },
            _ => throw new InvalidStateTransitionException(State, evt),
        };
    }

    /// <summary>A take profit or an exchange-held trailing stop rests beside the stop: it is not a stop attempt.</summary>
    private static bool IsCompanion(ProtectionKind kind) => kind is ProtectionKind.TakeProfit or ProtectionKind.TrailingStop;
}

public sealed record Protection(IntentId Intent, ProtectionKind Kind, ClientOrderId ClientOrderId, decimal TriggerPrice, DateTimeOffset ArmedAt);
