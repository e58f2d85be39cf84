using Akka.Event;
using Akka.Actor;
using TradingActors.Exchange;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Orders.IntentEvents;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Trading.Orders;

/// <summary>
/// One intent, worked into exchange orders by its policy: a sharded entity whose id is the key every client order id
/// of the intent carries, so exchange events reach it from their client order id alone. Every order is journaled
/// with its client order id before it leaves the process, so after any crash the intent resumes by querying what it
/// sent, never by sending it again. An outcome that stays unknown after querying is left to the reconciler. Every
/// change is reported straight to the position that owns the intent. A finished intent leaves memory (its shard
/// passivates it); its journal answers for it for ever.
/// </summary>
public sealed partial class OrderIntent : ReceivePersistentActor, IWithTimers
{
    private readonly string _key;
    private readonly MarketContext _market;
    private IActorRef? _positions;
    private readonly HashSet<string> _inFlight = [];
    private readonly Dictionary<string, int> _queryAttempts = [];
    private readonly List<IActorRef> _waitingForSubmit = [];

    // Legs whose cancel the exchange answered "unknown order": no longer open there, so a query that cannot find
    // them either (an exchange keeps every order with fills) ends them as cancelled, instead of cancelling again.
    private readonly HashSet<string> _notOpen = [];
    private IntentData _data = IntentData.Empty;
    private bool _sliceDue = true;
    private bool _exitAfterCancel;

    // Finishing waits for the trades of every execution (see Conclude).
    private (IntentStatus Status, string Reason)? _concluding;
    private bool _finishing;
    private bool _tradesFetched;

    public OrderIntent(string key, MarketContext market)
    {
        _key = key;
        _market = market;

        Recover<IIntentEvent>(e =>
        {
            if (IntentTransitions.TryNext(_data.Status, e, out _))
            {
                _data = _data.Apply(e);
            }
            else
            {
                Log.Error("Intent {Key}: journaled {Event} is not a valid transition from {Status}; skipped", _key, e.GetType().Name, _data.Status);
            }
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitIntent>(OnSubmit);
        Command<GetIntent>(_ => ReplyState());
        Command<GetIntentOf>(_ => ReplyState());
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<CancelIntent>(_ => OnCancelRequested());
        Command<OrderUpdated>(OnOrderUpdated);
        Command<AlgoOrderUpdated>(OnAlgoOrderUpdated);
        Command<OrderListUpdated>(_ => { });
        Command<BookTicker>(OnQuote);
        Command<LegAnswered>(OnLegAnswered);
        Command<QueryLeg>(OnQueryLeg);
        Command<MakerWindowElapsed>(_ => OnMakerWindowElapsed());
        Command<ResyncLegs>(_ =>
        {
            foreach (var leg in _data.Legs.Where(l => !l.IsTerminal && l.Kind is not LegKind.GuardStop and not LegKind.Cancel))
            {
                Self.Tell(new QueryLeg(leg.Leg));
            }
        });
        Command<Recancel>(r =>
        {
            if (_data.Leg(r.Leg) is { IsTerminal: false } target)
            {
                SendCancel(target);
            }
        });
        Command<SettleTrades>(_ => OnSettleTrades());
        Command<TradesFetched>(OnTradesFetched);
        Command<SliceDue>(_ =>
        {
            _sliceDue = true;
            Drive();
        });
    }

    public override string PersistenceId => PersistenceIdOf(_key);

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdOf(string key) => $"intent-{key}";

    public static string PersistenceIdOf(IntentId id) => PersistenceIdOf(ClientOrderIds.IntentKey(id));

    public static Props Props(string key, MarketContext market) => Akka.Actor.Props.Create(() => new OrderIntent(key, market));

    private IntentId Id => _data.Id;

    private IActorRef Positions => _positions ??= TradingShards.Positions(Context.System, _market.Market);

    private Symbol Symbol => _data.Spec!.Symbol;

    private RouterSettings Settings => _market.Settings;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private void OnRecovered()
    {
        if (_data.Status == IntentStatus.New)
        {
            return;
        }

        if (_data.IsTerminal)
        {
            Passivate();
            return;
        }

        // Whatever was sent before the crash is asked for, never sent again (a cancel is asked for through its target).
        foreach (var leg in _data.Legs.Where(l => !l.IsTerminal && l.Kind is not LegKind.GuardStop and not LegKind.Cancel))
        {
            Self.Tell(new QueryLeg(leg.Leg));
        }

        if (_data.Spec is OrderIntentSpec.Trade { Policy: ExecutionPolicy.MakerThenTaker makerThenTaker } && _data.Leg(MakerLeg) is { IsTerminal: false } maker)
        {
            var left = makerThenTaker.Window - (Now - maker.SentAt);
            Timers.StartSingleTimer(MakerLeg, new MakerWindowElapsed(), left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        if (_data.Status == IntentStatus.Armed && _data.Legs.Any(l => l.Kind == LegKind.GuardStop || l.Protection is ProtectionKind.Oco or ProtectionKind.Stop))
        {
            WatchQuotes();
        }

        // A crash after the protection's end was journaled (filled, cancelled) but before the intent finished.
        if (_data.Status == IntentStatus.Armed && _data.Legs.LastOrDefault(l => l.Protection is not null || l.Kind == LegKind.Oco) is { IsTerminal: true } ended)
        {
            AfterArmedProgress(ended);
        }

        Drive();
    }

    private void OnSubmit(SubmitIntent submit)
    {
        if (_data.Status != IntentStatus.New)
        {
            ReplyState();
            return;
        }

        _waitingForSubmit.Add(Sender);
        if (_waitingForSubmit.Count > 1)
        {
            return;
        }

        Persist(new IntentSubmitted(submit.Id, submit.Spec, submit.Owner, Now), e =>
        {
            _data = _data.Apply(e);
            var report = IntentReport.From(_data);
            foreach (var waiting in _waitingForSubmit)
            {
                waiting.Tell(report);
            }

            _waitingForSubmit.Clear();
            Drive();
        });
    }

    private void ReplyState()
    {
        if (_data.Status == IntentStatus.New)
        {
            Sender.Tell(new IntentNotFound(_key));
            Passivate();
            return;
        }

        Sender.Tell(IntentReport.From(_data));
    }

    /// <summary>Journals an event the state machine allows, then applies it; anything else is refused and logged, never written.</summary>
    private void Apply(IIntentEvent evt, Action? then = null)
    {
        if (!IntentTransitions.TryNext(_data.Status, evt, out _))
        {
            Log.Error("Intent {Key}: {Event} is not a valid transition from {Status}; refused", _key, evt.GetType().Name, _data.Status);
            return;
        }

        Persist(evt, e =>
        {
            var before = _data.Status;
            _data = _data.Apply(e);
            if (e is not OrderSending && _data.Owner is { } owner)
            {
                Positions.Tell(IntentReport.From(_data));
            }

            if (e is IntentFinished)
            {
                _finishing = false;
            }
            else if (e is FillRecorded && _concluding is { } pending)
            {
                Conclude(pending.Status, pending.Reason);
            }

            if (_data.IsTerminal && before != _data.Status)
            {
                _market.MarketData.Unsubscribe(Symbol, Self);
                Passivate();
            }

            then?.Invoke();
        });
    }

    /// <summary>Decides the next step from the journaled state; called after every change.</summary>
    private void Drive()
    {
        if (_data.Status != IntentStatus.Working || _inFlight.Count > 0 || _data.Legs.Any(l => l.IsUnknown))
        {
            return;
        }

        switch (_data.Spec)
        {
            case OrderIntentSpec.Trade trade:
                DriveTrade(trade);
                break;
            case OrderIntentSpec.Stop stop:
                DriveStop(stop);
                break;
            case OrderIntentSpec.TakeProfit takeProfit:
                DriveTakeProfit(takeProfit);
                break;
            case OrderIntentSpec.Bracket bracket:
                DriveBracket(bracket);
                break;
            case OrderIntentSpec.Cancel cancel:
                DriveCancel(cancel);
                break;
        }
    }

    private void Finish(string reason)
    {
        var status = _data.FilledQuantity > 0m || _data.Spec is OrderIntentSpec.Cancel && _data.Legs.All(l => l.IsTerminal)
            ? IntentStatus.Completed
            : IntentStatus.Failed;
        Conclude(status, reason);
    }

    /// <summary>Journals the leg, then sends it. Nothing leaves the process before the journal has it.</summary>
    private void Send(string legName, LegKind kind, OrderSide side, decimal quantity, decimal? price, Func<ClientOrderId, Task<object>> request)
    {
        var clientOrderId = ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, legName);
        _inFlight.Add(legName);
        Apply(new OrderSending(legName, clientOrderId, kind, side, quantity, price, Now), () =>
        {
            var self = Self;
            request(clientOrderId).PipeTo(self, success: answer => new LegAnswered(legName, answer), failure: e => new LegAnswered(legName, new OrderOutcome.Unknown(e.Message)));
        });
    }

    private void OnLegAnswered(LegAnswered answered)
    {
        _inFlight.Remove(answered.Leg);
        var leg = _data.Leg(answered.Leg);
        if (leg is null)
        {
            return;
        }

        if (leg.Kind == LegKind.Cancel)
        {
            OnCancelAnswered(leg, answered.Outcome);
            return;
        }

        if (answered.IsQuery && _notOpen.Contains(leg.Leg) && IsStillOpen(answered.Outcome))
        {
            // "Unknown order" came before the order did (a placement that landed late): it is open, so cancel it again.
            _notOpen.Remove(leg.Leg);
            Timers.StartSingleTimer($"recancel-{leg.Leg}", new Recancel(leg.Leg), Settings.UnknownQueryBackoff);
        }

        if (leg.Status is not null && answered.Outcome is OrderOutcome.Unknown or AlgoOrderOutcome.Unknown or OrderListOutcome.Unknown)
        {
            // Another source (the stream, an earlier query) already saw the order: a late "unknown" adds nothing.
            Drive();
            return;
        }

        switch (answered.Outcome)
        {
            case OrderOutcome.Accepted accepted:
                Progress(leg, accepted.Order);
                break;
            case AlgoOrderOutcome.Accepted algo:
                OnAlgoSnapshot(leg, algo.Order);
                break;
            case OrderListOutcome.Accepted list:
                OnListAccepted(leg, list.OrderList);
                break;
            case OrderOutcome.Rejected or AlgoOrderOutcome.Rejected or OrderListOutcome.Rejected when answered.IsQuery || leg.IsUnknown:
                // A refused query (not found, throttled, clock skew) says nothing about the order itself, and a lagging
                // venue may not show an order it has: absence is evidence only after every retry.
                RetryQuery(leg, "not found or not answered", notFound: IsNotFound(answered.Outcome));
                break;
            case OrderOutcome.Rejected r:
                OnRejected(leg, r.Code, r.Message);
                break;
            case AlgoOrderOutcome.Rejected r:
                OnRejected(leg, r.Code, r.Message);
                break;
            case OrderListOutcome.Rejected r:
                OnRejected(leg, r.Code, r.Message);
                break;
            case OrderOutcome.Unknown u:
                OnUnknown(leg, u.Reason);
                break;
            case AlgoOrderOutcome.Unknown u:
                OnUnknown(leg, u.Reason);
                break;
            case OrderListOutcome.Unknown u:
                OnUnknown(leg, u.Reason);
                break;
        }
    }

    private void OnCancelAnswered(LegData cancel, object outcome)
    {
        if (_data.Spec is OrderIntentSpec.Cancel)
        {
            // Cancelling a foreign order for the reconciler: the answer is the whole result.
            switch (outcome)
            {
                case OrderOutcome.Accepted or AlgoOrderOutcome.Accepted:
                    FinishAs(IntentStatus.Completed, "cancelled");
                    break;
                case OrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent } or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent }:
                    FinishAs(IntentStatus.Completed, "nothing to cancel");
                    break;
                case OrderOutcome.Rejected r:
                    FinishAs(IntentStatus.Failed, $"cancel rejected {r.Code}: {r.Message}");
                    break;
                case AlgoOrderOutcome.Rejected r:
                    FinishAs(IntentStatus.Failed, $"cancel rejected {r.Code}: {r.Message}");
                    break;
                default:
                    FinishAs(IntentStatus.Unresolved, "cancel outcome unknown");
                    break;
            }

            return;
        }

        // Cancelling one of our own legs: the answer (or a query) settles the target leg.
        var target = _data.Leg(cancel.Leg.TrimEnd('x'));
        Apply(new OrderProgressed(cancel.Leg, OrderStatus.Canceled, 0m, 0m, 0m, Now), () =>
        {
            switch (outcome)
            {
                case OrderOutcome.Accepted accepted when target is not null:
                    Progress(target, accepted.Order);
                    break;
                case AlgoOrderOutcome.Accepted algo when target is not null:
                    OnAlgoSnapshot(target, algo.Order);
                    break;
                case OrderListOutcome.Accepted when target is not null:
                    Progress(target, OrderStatus.Canceled, 0m, 0m);
                    break;
                case OrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent } or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.UnknownOrderSent }
                    when target is not null:
                    // Already filled, cancelled or expired: the query says which.
                    _notOpen.Add(target.Leg);
                    Self.Tell(new QueryLeg(target.Leg));
                    break;
                default:
                    if (target is not null)
                    {
                        // The cancel did not take (or its outcome is unknown): ask, and cancel again unless the answer ends it.
                        Self.Tell(new QueryLeg(target.Leg));
                        Timers.StartSingleTimer($"recancel-{target.Leg}", new Recancel(target.Leg), Settings.UnknownQueryBackoff);
                    }

                    break;
            }

            if (_exitAfterCancel && outcome is OrderOutcome.Accepted or AlgoOrderOutcome.Accepted or OrderListOutcome.Accepted)
            {
                _exitAfterCancel = false;
                SendGuardExit();
            }
        });
    }

    private void OnUnknown(LegData leg, string reason)
    {
        if (!leg.IsUnknown)
        {
            Apply(new OrderOutcomeUnknown(leg.Leg, reason, Now), () => RetryQuery(_data.Leg(leg.Leg)!, reason));
        }
        else
        {
            RetryQuery(leg, reason);
        }
    }

    private static bool IsStillOpen(object outcome) => outcome switch
    {
        OrderOutcome.Accepted accepted => !IsFinal(accepted.Order.Status),
        AlgoOrderOutcome.Accepted algo => algo.Order.Status is AlgoOrderStatus.New,
        _ => false,
    };

    private static bool IsNotFound(object outcome) => outcome is OrderOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist }
        or AlgoOrderOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist }
        or OrderListOutcome.Rejected { Code: ExchangeErrorCodes.OrderDoesNotExist };

    private void RetryQuery(LegData leg, string reason, bool notFound = false)
    {
        var attempt = _queryAttempts.GetValueOrDefault(leg.Leg) + 1;
        _queryAttempts[leg.Leg] = attempt;
        if (attempt > Settings.UnknownQueryAttempts)
        {
            if (leg.IsUnknown)
            {
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) is still unknown after {Attempts} queries; leaving it to the reconciler",
                    Id, leg.Leg, leg.ClientOrderId, attempt - 1);
                Apply(new IntentFinished(IntentStatus.Unresolved, $"leg {leg.Leg}: {reason}", Now));
            }
            else if (leg.Status is null)
            {
                // Every query agrees an order nobody ever saw does not exist: it was never placed.
                OnRejected(leg, ExchangeErrorCodes.OrderDoesNotExist, "order not found after repeated queries");
            }
            else if (notFound && _notOpen.Contains(leg.Leg))
            {
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) is neither open nor found on the exchange; it ended with {Executed} executed",
                    Id, leg.Leg, leg.ClientOrderId, leg.ExecutedQuantity);
                Progress(leg, OrderStatus.Canceled, leg.ExecutedQuantity, leg.AveragePrice);
            }
            else
            {
                Log.Warning("Intent {Intent} leg {Leg} ({ClientOrderId}) was seen but cannot be queried now; waiting for the stream", Id, leg.Leg, leg.ClientOrderId);
                _queryAttempts.Remove(leg.Leg);
            }

            return;
        }

        var delay = Settings.UnknownQueryBackoff * Math.Pow(2, attempt - 1);
        Timers.StartSingleTimer($"query-{leg.Leg}", new QueryLeg(leg.Leg), delay);
    }

    private void OnQueryLeg(QueryLeg query)
    {
        var leg = _data.Leg(query.Leg);
        if (leg is null || leg.IsTerminal || _inFlight.Contains(leg.Leg))
        {
            return;
        }

        _inFlight.Add(leg.Leg);
        var self = Self;
        Task<object> request = leg.Kind switch
        {
            LegKind.ConditionalStop => Box(_market.Futures!.QueryConditionalOrderAsync(Symbol, leg.ClientOrderId)),
            LegKind.Oco when leg.Leg == OcoLeg => Box(_market.Spot!.QueryOrderListAsync(leg.ClientOrderId)),
            _ => Box(_market.Exchange.QueryOrderAsync(Symbol, leg.ClientOrderId)),
        };
        request.PipeTo(self, success: answer => new LegAnswered(leg.Leg, answer, IsQuery: true), failure: e => new LegAnswered(leg.Leg, new OrderOutcome.Unknown(e.Message), IsQuery: true));
    }

    private void Progress(LegData leg, OrderSnapshot order) => Progress(leg, order.Status, order.ExecutedQuantity, order.AveragePrice, order.OrderId);

    private void Progress(LegData leg, OrderStatus status, decimal executed, decimal averagePrice, long? orderId = null)
    {
        // Updates arrive from the stream and from queries in any order: only news is journaled, and a final status
        // is never replaced by an older, working one.
        if (executed < leg.ExecutedQuantity
            || (executed == leg.ExecutedQuantity && status == leg.Status && !leg.IsUnknown)
            || (leg.IsTerminal && !IsFinal(status)))
        {
            // Nothing new to journal, but what follows from the state may not have happened yet: a crash between
            // journaling a stop's acceptance and establishing it as protection leaves exactly this.
            AfterProgress(leg.Leg);
            return;
        }

        _queryAttempts.Remove(leg.Leg);
        Apply(new OrderProgressed(leg.Leg, status, executed, averagePrice, leg.Fees, Now, orderId ?? leg.OrderId), () => AfterProgress(leg.Leg));
    }

    private void OnRejected(LegData leg, int code, string message)
    {
        _queryAttempts.Remove(leg.Leg);
        Apply(new OrderRejected(leg.Leg, code, message, Now), () => AfterRejection(_data.Leg(leg.Leg)!));
    }

    private void OnOrderUpdated(OrderUpdated update)
    {
        var leg = _data.Legs.FirstOrDefault(l => l.ClientOrderId == update.Order.ClientOrderId);
        if (leg is null)
        {
            return;
        }

        if (update.LastFill is { } fill && !leg.TradeIds.Contains(fill.TradeId))
        {
            Apply(Recorded(leg, fill), () => Progress(_data.Leg(leg.Leg)!, update.Order));
            return;
        }

        Progress(leg, update.Order);
    }

    /// <summary>A trade of the leg, its commission valued in the quote asset (a third asset such as BNB cannot be).</summary>
    private FillRecorded Recorded(LegData leg, Fill fill)
    {
        var rules = _market.Rules.GetValueOrDefault(Symbol);
        var inBase = rules is not null && fill.CommissionAsset == rules.BaseAsset;
        var quoteFee = inBase ? fill.Commission * fill.Price
            : rules is null || fill.CommissionAsset == rules.QuoteAsset || fill.Commission == 0m ? fill.Commission
            : 0m;
        if (quoteFee == 0m && fill.Commission != 0m)
        {
            Log.Warning("Intent {Id}: commission {Commission} {Asset} cannot be valued in {Quote}; PnL leaves it out", Id, fill.Commission, fill.CommissionAsset, rules?.QuoteAsset);
        }

        return new FillRecorded(
            leg.Leg, fill.TradeId, fill.OrderId, fill.Quantity, fill.Price, fill.Commission, fill.CommissionAsset, quoteFee, inBase ? fill.Commission : 0m, Now);
    }

    /// <summary>
    /// Finishes the intent once the trades of every execution are recorded, so its report carries real prices and
    /// commissions (an order's answer has neither for an algo order, nor commissions at all). The stream usually
    /// brings them within milliseconds; otherwise they are fetched after <see cref="RouterSettings.TradeSettleTimeout"/>,
    /// and if the exchange does not list them either the intent finishes on the order's own figures.
    /// </summary>
    private void Conclude(IntentStatus status, string reason)
    {
        if (_finishing || _data.IsTerminal)
        {
            return;
        }

        if (_data.AwaitsTrades && !_tradesFetched)
        {
            if (_concluding is null)
            {
                Timers.StartSingleTimer(SettleTimer, new SettleTrades(), Settings.TradeSettleTimeout);
            }

            _concluding = (status, reason);
            return;
        }

        _concluding = null;
        _finishing = true;
        Timers.Cancel(SettleTimer);
        Apply(new IntentFinished(status, reason, Now));
    }

    private void OnSettleTrades()
    {
        var since = _data.Legs.Where(l => l.AwaitsTrades).Select(l => l.SentAt).DefaultIfEmpty(Now).Min() - TimeSpan.FromMinutes(1);
        _market.Exchange.GetTradesAsync(Symbol, since).PipeTo(Self, success: fills => new TradesFetched(fills), failure: e => new TradesFetched([], e.Message));
    }

    private void OnTradesFetched(TradesFetched fetched)
    {
        _tradesFetched = true;
        var missing = 0m;
        foreach (var leg in _data.Legs.Where(l => l.AwaitsTrades))
        {
            var trades = fetched.Fills.Where(f => f.OrderId == leg.OrderId && !leg.TradeIds.Contains(f.TradeId)).ToList();
            trades.ForEach(f => Apply(Recorded(leg, f)));
            missing += leg.ExecutedQuantity - leg.FilledByTrades - trades.Sum(f => f.Quantity);
        }

        if (missing > 0m)
        {
            Log.Warning("Intent {Id}: trades for {Missing} of the execution not found ({Error}); reporting the orders' own prices without their fees", Id, missing, fetched.Error ?? "not listed");
        }

        if (_concluding is { } pending)
        {
            Conclude(pending.Status, pending.Reason);
        }
    }

    private void OnAlgoOrderUpdated(AlgoOrderUpdated update)
    {
        var leg = _data.Legs.FirstOrDefault(l => l.ClientOrderId == update.Order.ClientAlgoId);
        if (leg is not null)
        {
            OnAlgoSnapshot(leg, update.Order);
        }
    }

    protected override void PostStop()
    {
        if (_data.Spec is not null)
        {
            _market.MarketData.Unsubscribe(Symbol, Self);
        }

        base.PostStop();
    }

    /// <summary>Follows the symbol's quotes (a guard stop or a chasing order prices from them).</summary>
    private void WatchQuotes() => _market.MarketData.Subscribe(Symbol, Self);

    /// <summary>Asks the shard to stop this intent; what arrives meanwhile goes to its next incarnation.</summary>
    private void Passivate() => Context.Parent.Tell(new Passivate(StopEntity.Instance));

    private static bool IsFinal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.ExpiredInMatch;

    private static Task<object> Box<T>(Task<T> task)
        where T : class => task.ContinueWith(t => (object)t.Result, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private sealed record LegAnswered(string Leg, object Outcome, bool IsQuery = false);

    private sealed record QueryLeg(string Leg);

    private sealed record MakerWindowElapsed;

    private sealed record SliceDue;

    private sealed record SettleTrades;

    private sealed record TradesFetched(IReadOnlyList<Fill> Fills, string? Error = null);

    private sealed record Recancel(string Leg);
}
