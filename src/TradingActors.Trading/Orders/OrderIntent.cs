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

    // Legs whose cancel a crash left unanswered: cancelled again once a query shows them still open.
    private readonly HashSet<string> _cancelIfOpen = [];

    // Trades whose commission (in a third asset, BNB) waits for that asset's price before it is journaled.
    private readonly HashSet<long> _valuing = [];
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
        Command<FeeAssetPriced>(OnFeeAssetPriced);
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

        foreach (var cancel in IntentPlanner.UnansweredCancels(_data))
        {
            if (_data.Leg(IntentLegs.TargetOf(cancel.Leg)) is { IsTerminal: false } target)
            {
                _cancelIfOpen.Add(target.Leg);
            }

            Log.Info("Intent {Key}: cancel {Leg} was never answered before the restart; its target is asked about", _key, cancel.Leg);
            Apply(new OrderProgressed(cancel.Leg, OrderStatus.Canceled, 0m, 0m, 0m, Now));
        }

        if (_data.Spec is OrderIntentSpec.Trade { Policy: ExecutionPolicy.MakerThenTaker makerThenTaker } && _data.Leg(IntentLegs.Maker) is { IsTerminal: false } maker)
        {
            var left = makerThenTaker.Window - (Now - maker.SentAt);
            Timers.StartSingleTimer(IntentLegs.Maker, new MakerWindowElapsed(), left > TimeSpan.Zero ? left : TimeSpan.Zero);
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

        var submitted = new IntentSubmitted(submit.Id, submit.Spec, submit.Owner, Now);
        Persist(submitted, e =>
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

        // The first order is journaled in the same write as the intent (one transaction, one fsync, instead of two in
        // a row on the way to the exchange); it is sent once both are stored.
        var working = _data.Apply(submitted);
        switch (IntentPlanner.Next(working, MarketViewOf(submit.Spec.Symbol), _sliceDue, anyInFlight: false))
        {
            case IntentStep.PlaceOrder order:
                Place(order, working);
                break;
            case IntentStep.PlaceConditional conditional:
                PlaceConditional(conditional, working);
                break;
        }
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
    /// <remarks><paramref name="submitted"/>: the state the event follows when it is journaled with the intent's submission, in the same write.</remarks>
    private void Apply(IIntentEvent evt, Action? then = null, IntentData? submitted = null)
    {
        if (!IntentTransitions.TryNext((submitted ?? _data).Status, evt, out _))
        {
            Log.Error("Intent {Key}: {Event} is not a valid transition from {Status}; refused", _key, evt.GetType().Name, _data.Status);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Persist(evt, e =>
        {
            TradingMetrics.Persisted("intent", started);
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

    private static Task<object> Box<T>(Task<T> task)
        where T : class => task.ContinueWith(t => (object)t.Result, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private sealed record LegAnswered(string Leg, object Outcome, bool IsQuery = false);

    private sealed record QueryLeg(string Leg);

    private sealed record MakerWindowElapsed;

    private sealed record SliceDue;

    private sealed record SettleTrades;

    private sealed record TradesFetched(IReadOnlyList<Fill> Fills, string? Error = null);

    private sealed record Recancel(string Leg);

    private sealed record FeeAssetPriced(string Leg, Fill Fill, decimal? Price, string? Error = null);
}
