using Akka.Event;
using Akka.Actor;
using TradingActors.Exchange;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Sharding;
using static TradingActors.Trading.Orders.IntentProtocol;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Positions;

/// <summary>
/// One position for its whole life: <c>PENDING_ENTRY -> ACTIVE -> PENDING_CLOSING -> CLOSED</c>, a sharded entity
/// whose id is the position id. Its mailbox takes one message at a time, so a second close meets a position
/// already closing and is answered without an order. Every intent it sends has an id derived from its journal, so
/// after a crash (its shard restarts it: entities are remembered) it asks about the same intents instead of
/// sending new ones. A finished position leaves memory after a while; its journal keeps it.
/// </summary>
public sealed partial class Position : ReceivePersistentActor, IWithTimers
{
    private const int MaxStopFailures = 10;
    private const int FlatnessAttemptsBeforeAlert = 5;

    private readonly PositionId _id;
    private readonly MarketContext _market;
    private IActorRef? _intents;
    private readonly PositionSettings _settings;
    private PositionData _data = PositionData.Empty;
    private IntentId? _pendingStop;
    private decimal? _pendingStopPrice;
    private DateTimeOffset _verifyUntil;
    private int _verifyAttempt;
    private bool _verifyingFlat;
    private bool _exitSent;
    private ExecutionPolicy? _exitPolicy;

    public Position(PositionId id, MarketContext market, PositionSettings settings)
    {
        _id = id;
        _market = market;
        _settings = settings;

        Recover<IPositionEvent>(e =>
        {
            if (PositionTransitions.TryNext(_data.State, e, out _))
            {
                _data = _data.Apply(e);
            }
            else
            {
                Log.Error("Position {Id}: journaled {Event} is not a valid transition from {State}; skipped", _id, e.GetType().Name, _data.State);
            }
        });
        Recover<RecoveryCompleted>(_ => Resume());

        Command<OpenPosition>(OnOpen);
        Command<ClosePosition>(OnClose);
        Command<MoveStop>(OnMoveStop);
        Command<GetPosition>(_ => Sender.Tell(View()));
        Command<IntentReport>(OnIntentReport);
        Command<IntentNotFound>(OnIntentNotFound);
        Command<VerifyEntry>(_ => OnVerifyEntry());
        Command<ExchangePositionSeen>(OnExchangePositionSeen);
        Command<VerifyFlat>(_ => OnVerifyFlat());
        Command<FlatnessSeen>(OnFlatnessSeen);
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(StopEntity.Instance)));
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<RetryStop>(_ => EnsureProtected());
        Command<AskAboutStop>(OnAskAboutStop);
        Command<RetryMove>(OnRetryMove);
        Command<Reverify>(_ => OnReverify());
        Command<MarkOrphanClosed>(OnMarkOrphanClosed);
        Command<CorrectQuantity>(OnCorrectQuantity);
        Command<ProtectionMissing>(OnProtectionMissing);
        Command<AdoptPosition>(OnAdopt);
        Command<BookTicker>(OnTicker);
        Command<AgeCheck>(_ => WatchAge());

        // Answers to the closes a position asks of itself (stop through the price, aged exit).
        Command<CloseAccepted>(_ => { });
        Command<AlreadyClosing>(_ => { });
        Command<AlreadyClosed>(_ => { });
        Command<NotOpen>(_ => { });
        Command<Status.Failure>(f => Log.Warning(f.Cause, "Position {Id}: a request to the router failed", _id));
    }

    public override string PersistenceId => PersistenceIdOf(_id);

    public static string PersistenceIdOf(PositionId id) => $"position-{id.Value}";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PositionId id, MarketContext market, PositionSettings settings) =>
        Akka.Actor.Props.Create(() => new Position(id, market, settings));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private IntentId StopIntentId => new($"{_id.Value}-sl{_data.StopAttempts + 1}");

    private IntentId RollbackIntentId => new($"{_id.Value}-rb");

    private IntentId TakeProfitIntentId => new($"{_id.Value}-tp");

    private IntentId TrailingStopIntentId => new($"{_id.Value}-ts");

    private PositionView View()
    {
        var mark = _market.Quotes.TryGet(_data.Symbol, out var quote) ? (quote.Bid + quote.Ask) / 2m : _data.EntryPrice;
        return new PositionView(_data, _data.UnrealizedPnl(mark));
    }

    private void Resume()
    {
        switch (_data.State)
        {
            case PositionState.New:
                // Asked about before it was ever opened: leave memory unless an open arrives.
                Context.SetReceiveTimeout(_settings.PassivateAfter);
                return;
            case PositionState.PendingEntry:
                // The entry is submitted again under the same id: the router answers from the intent's journal, or
                // sends it now if the crash came between journaling the position and submitting the intent.
                SubmitEntry();
                break;
            case PositionState.Active:
                WatchAge();
                UpdatePriceWatch();
                foreach (var protection in _data.Protections.Values)
                {
                    ToIntent(new GetIntent(protection.Intent));
                }

                // The next stop intent may be under way (submitted before the crash): until the router says, it is
                // the pending stop, so its failure is handled like any other and no second stop races it.
                _pendingStop = StopIntentId;
                _pendingStopPrice = _data.RequestedStop;
                OnAskAboutStop(new AskAboutStop(StopIntentId, 0));
                EnsureTakeProfit();
                EnsureTrailingStop();
                break;
            case PositionState.PendingClosing:
                ProceedWithExit(_data.ExitPolicy ?? _settings.ExitPolicy);
                break;
            default:
                AfterTerminal();
                break;
        }
    }

    /// <summary>Sends to an intent of this position (the intent region finds it); its reports come straight back.</summary>
    private void ToIntent(IntentProtocol.IIntentCommand message) =>
        (_intents ??= TradingShards.Intents(Context.System, _market.Market)).Tell(message, Self);

    /// <summary>The wait before retry <paramref name="attempt"/> (from 0): doubling from the verification backoff, at most 64 times it.</summary>
    private TimeSpan RetryDelay(int attempt) => _settings.VerificationBackoff * Math.Pow(2, Math.Min(attempt, 6));

    /// <summary>Journals an event the state machine allows, then applies it; anything else is refused and logged, never written.</summary>
    private void Record(IPositionEvent evt, Action? then = null)
    {
        if (!PositionTransitions.TryNext(_data.State, evt, out _))
        {
            Log.Error("Position {Id}: {Event} is not a valid transition from {State}; refused", _id, evt.GetType().Name, _data.State);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Persist(evt, _ =>
        {
            TradingMetrics.Persisted("position", started);
            var before = _data.State;
            _data = _data.Apply(evt);
            then?.Invoke();
            if (before != _data.State)
            {
                // Active (again): the aged-exit schedule starts, or resumes after a failed close; any other state
                // stops following the price.
                if (_data.State == PositionState.Active)
                {
                    WatchAge();
                }

                UpdatePriceWatch();
            }
        });
    }

    private void Alert(AlertSeverity severity, string message)
    {
        Log.Log(severity == AlertSeverity.Critical ? LogLevel.ErrorLevel : LogLevel.WarningLevel, null, "Position {Id} alert: {Message}", _id, message);
        Record(new AlertRaised(severity, message, Now));
    }

    private void OnOpen(OpenPosition open)
    {
        if (_data.State != PositionState.New)
        {
            Sender.Tell(new PositionAccepted(_id, _data.State));
            return;
        }

        var problem = open switch
        {
            { Quantity: <= 0m } => "quantity must be positive",
            { Market: Market.Spot, Direction: PositionDirection.Short } => "spot positions cannot be short",
            { Market: Market.Futures, StopPrice: null } => "a futures position needs a stop price",
            { StopPrice: { } stop, Direction: PositionDirection.Long } when stop >= open.DecisionPrice => "a long's stop must be below the price",
            { StopPrice: { } stop, Direction: PositionDirection.Short } when stop <= open.DecisionPrice => "a short's stop must be above the price",
            { TrailingDistance: <= 0m or >= 1m } => "the trailing distance must be a fraction between 0 and 1",
            { TrailingDistance: not null, StopPrice: null } => "a trailing stop needs a first stop price",
            _ when open.Market != _market.Market => $"this region trades {_market.Market}",
            _ => null,
        };
        if (problem is not null)
        {
            Sender.Tell(new PositionRejected(_id, problem));
            return;
        }

        Context.SetReceiveTimeout(null);
        var opened = new PositionOpened(
            _id, new IntentId($"{_id.Value}-en"), open.Market, open.Symbol, open.Direction, open.Quantity, open.DecisionPrice,
            open.StopPrice, open.TakeProfitPrice, open.Origin, Now, open.EntryPolicy, open.TrailingDistance);
        var sender = Sender;
        Record(opened, () =>
        {
            sender.Tell(new PositionAccepted(_id, _data.State));
            SubmitEntry();
            if (TrailingStopPlan.WhyTrailedLocally(open.Market, open.TrailingDistance) is { } why)
            {
                Alert(AlertSeverity.Warning, why);
            }
        });
    }

    private void SubmitEntry() => ToIntent(new SubmitIntent(_data.EntryIntent, new OrderIntentSpec.Trade
    {
        Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.EntrySide(), Quantity = _data.RequestedQuantity,
        Policy = _data.EntryPolicy ?? new ExecutionPolicy.Market(), DecisionPrice = _data.DecisionPrice,
    }, _id));

    private void OnClose(ClosePosition close)
    {
        switch (_data.State)
        {
            case PositionState.PendingClosing:
                Sender.Tell(new AlreadyClosing(_id));
                return;
            case PositionState.Closed or PositionState.OrphanClosed or PositionState.RolledBack or PositionState.EntryFailed:
                Sender.Tell(new AlreadyClosed(_id));
                return;
            case not PositionState.Active:
                Sender.Tell(new NotOpen(_id, _data.State));
                return;
        }

        var sender = Sender;
        var exitIntent = new IntentId($"{_id.Value}-x{_data.CloseAttempts + 1}");
        _exitSent = false;
        var policy = close.Policy ?? _settings.ExitPolicy;
        Record(new CloseStarted(close.Reason, exitIntent, Now, policy), () =>
        {
            sender.Tell(new CloseAccepted(_id));
            ProceedWithExit(policy);
        });
    }

    /// <summary>
    /// Futures exit with the stop still on the exchange (a reduce-only exit cannot overshoot); spot must first
    /// cancel its protective orders, which lock the balance the exit sells.
    /// </summary>
    private void ProceedWithExit(ExecutionPolicy policy)
    {
        if (_data.State != PositionState.PendingClosing || _exitSent)
        {
            return;
        }

        if (_market.Market == Market.Spot && _data.Protections.Count > 0)
        {
            CancelProtections();
            _exitPolicy = policy;
            return;
        }

        _exitSent = true;
        ToIntent(new SubmitIntent(_data.ExitIntent!.Value, new OrderIntentSpec.Trade
        {
            Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.ExitSide(), Quantity = _data.Quantity,
            Policy = policy, ReduceOnly = true, DecisionPrice = _market.Quotes.TryGet(_data.Symbol, out var q) ? (q.Bid + q.Ask) / 2m : _data.EntryPrice,
        }, _id));
    }

    private void OnMoveStop(MoveStop move)
    {
        if (_data.State != PositionState.Active)
        {
            Sender.Tell(new StopMoveRejected(_id, $"the position is {_data.State}"));
            return;
        }

        if (_pendingStop is not null)
        {
            Sender.Tell(new StopMoveRejected(_id, "a stop change is in progress"));
            return;
        }

        var wrongSide = _data.Direction == PositionDirection.Long
            ? _market.Quotes.TryGet(_data.Symbol, out var q) && move.StopPrice >= q.Bid
            : _market.Quotes.TryGet(_data.Symbol, out q) && move.StopPrice <= q.Ask;
        if (wrongSide || move.StopPrice <= 0m)
        {
            Sender.Tell(new StopMoveRejected(_id, "the stop would trigger at once"));
            return;
        }

        var sender = Sender;
        Record(new StopMoveRequested(move.StopPrice, Now), () =>
        {
            ArmStop(move.StopPrice);
            sender.Tell(new StopMoveAccepted(_id, move.StopPrice));
        });
    }

    /// <summary>
    /// Asked about at recovery, the next stop intent was never submitted. A crash may have come between journaling
    /// an accepted stop move and submitting its stop, which is submitted now; otherwise the position makes sure it
    /// has a stop.
    /// </summary>
    private void OnIntentNotFound(IntentNotFound notFound)
    {
        if (_pendingStop is not { } pending || notFound.Key != ClientOrderIds.IntentKey(pending))
        {
            return;
        }

        _pendingStop = null;
        if (_data.State == PositionState.Active && _data.RequestedStop is { } price)
        {
            ArmStop(price);
        }
        else
        {
            EnsureProtected();
        }
    }

    /// <summary>Asks about the stop recovery left pending until it is settled: a lost answer must not leave it pending for good.</summary>
    private void OnAskAboutStop(AskAboutStop ask)
    {
        if (_pendingStop != ask.Intent)
        {
            return;
        }

        ToIntent(new GetIntent(ask.Intent));
        Timers.StartSingleTimer(nameof(AskAboutStop), ask with { Attempt = ask.Attempt + 1 }, RetryDelay(ask.Attempt));
    }

    /// <summary>A failed stop move is tried again, unless the stop changed since (a newer move or a trailing step supersedes it).</summary>
    private void OnRetryMove(RetryMove retry)
    {
        if (_data.State != PositionState.Active || _data.ActiveStop?.ClientOrderId != retry.Replacing)
        {
            return;
        }

        if (_pendingStop is not null)
        {
            Timers.StartSingleTimer(nameof(RetryMove), retry, _settings.VerificationBackoff);
            return;
        }

        Record(new StopMoveRequested(retry.StopPrice, Now), () => ArmStop(retry.StopPrice));
    }

    private void EnsureProtected()
    {
        if (_data.State == PositionState.Active && _data.ActiveStop is null && _pendingStop is null && _data.StopPrice is { } stop)
        {
            ArmStop(stop);
        }
    }

    /// <summary>Futures take profit: a reduce-only TAKE_PROFIT_MARKET beside the stop (spot puts both in one OCO).</summary>
    private void EnsureTakeProfit()
    {
        if (_market.Market == Market.Futures && _data.State == PositionState.Active && _data.TakeProfitPrice is { } target
            && _data.Protections.Values.All(p => p.Kind != ProtectionKind.TakeProfit))
        {
            ToIntent(new SubmitIntent(TakeProfitIntentId, new OrderIntentSpec.TakeProfit
            {
                Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.ExitSide(), Quantity = _data.Quantity, TriggerPrice = target,
            }, _id));
        }
    }

    /// <summary>
    /// Futures trailing within Binance's range: a reduce-only TRAILING_STOP_MARKET beside the stop, placed once the stop
    /// is armed, starting where it passes the stop (<see cref="TrailingStopPlan"/>). Submitted again after a restart,
    /// the intent answers with what became of it.
    /// </summary>
    private void EnsureTrailingStop()
    {
        if (_trailLocally || _data.State != PositionState.Active || _data.ActiveStop is not { } stop
            || TrailingStopPlan.CallbackRatePercent(_data.Market, _data.TrailingDistance) is not { } rate
            || _data.Protections.Values.Any(p => p.Kind == ProtectionKind.TrailingStop))
        {
            return;
        }

        var activation = ExitPrice() is { } price
            ? TrailingStopPlan.ActivationPrice(_data.Direction, stop.TriggerPrice, rate, price, _market.TickSize(_data.Symbol))
            : null;
        ToIntent(new SubmitIntent(TrailingStopIntentId, new OrderIntentSpec.TrailingStop
        {
            Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.ExitSide(), Quantity = _data.Quantity,
            CallbackRatePercent = rate, ActivationPrice = activation,
        }, _id));
    }

    private void TrailLocally(string reason)
    {
        if (_trailLocally)
        {
            return;
        }

        _trailLocally = true;
        Alert(AlertSeverity.Warning, $"{reason}; this node trails the stop itself");
        UpdatePriceWatch();
    }

    private void ArmStop(decimal stopPrice)
    {
        var intent = StopIntentId;
        _pendingStop = intent;
        _pendingStopPrice = stopPrice;
        OrderIntentSpec spec = _market.Market == Market.Spot && _data.TakeProfitPrice is { } takeProfit && _data.ActiveStop is null
            ? new OrderIntentSpec.Bracket { Market = _data.Market, Symbol = _data.Symbol, Quantity = _data.Quantity, TakeProfitPrice = takeProfit, StopPrice = stopPrice }
            : new OrderIntentSpec.Stop { Market = _data.Market, Symbol = _data.Symbol, Side = _data.Direction.ExitSide(), Quantity = _data.Quantity, TriggerPrice = stopPrice };
        ToIntent(new SubmitIntent(intent, spec, _id));
    }

    private void CancelProtections()
    {
        foreach (var protection in _data.Protections.Values)
        {
            ToIntent(new CancelIntent(protection.Intent));
        }
    }

    private sealed record VerifyEntry;

    private sealed record RetryStop;

    private sealed record AskAboutStop(IntentId Intent, int Attempt);

    private sealed record RetryMove(decimal StopPrice, ClientOrderId Replacing);

    private sealed record ExchangePositionSeen(decimal? Quantity, decimal EntryPrice, Exception? Error);

    private sealed record VerifyFlat;

    private sealed record FlatnessSeen(decimal? Quantity, Exception? Error);
}
