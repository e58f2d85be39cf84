using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Persistence;
using TradingActors.Trading.Domain;
using static TradingActors.Trading.Orders.RouterEvents;
using static TradingActors.Trading.Orders.RouterProtocol;

namespace TradingActors.Trading.Orders;

/// <summary>
/// Turns intents into orders for one market. Each intent is its own persistent actor, created on first
/// submission and stopped once terminal; its journal keeps it, so the same intent id submitted again (even
/// long after, even after a restart) is answered from that journal and sends nothing new. The router's own
/// journal lists the live intents so a restart resumes them, and it routes the exchange's order updates to
/// the intent that sent the order. Memory holds live intents only.
/// </summary>
public sealed class OrderRouter : ReceivePersistentActor
{
    private readonly MarketContext _market;
    private readonly IActorRef? _reports;
    private readonly HashSet<IntentId> _live = [];
    private readonly Dictionary<ClientOrderId, IntentId> _legs = [];
    private readonly Dictionary<IntentId, List<Envelope>> _waitingForStop = [];
    private int _eventsSinceSnapshot;

    /// <param name="reports">Receives every <see cref="IntentReport"/> of an intent with an owner (the position region).</param>
    public OrderRouter(MarketContext market, IActorRef? reports)
    {
        _market = market;
        _reports = reports;

        Recover<SnapshotOffer>(offer =>
        {
            _live.Clear();
            _live.UnionWith(((LiveIntentsSnapshot)offer.Snapshot).Live);
        });
        Recover<IntentRegistered>(e => _live.Add(e.Id));
        Recover<IntentReleased>(e => _live.Remove(e.Id));
        Recover<RecoveryCompleted>(_ =>
        {
            Log.LogInformation("Order router for {Market} resumes {Count} live intents", _market.Market, _live.Count);
            foreach (var id in _live)
            {
                IntentActor(id);
            }

            SubscribeToExchangeUpdates();
        });

        Command<SubmitIntent>(OnSubmit);
        Command<CancelIntent>(c => Route(c.Id, c));
        Command<GetIntent>(g => Route(g.Id, g));
        Command<GetLiveIntents>(_ => OnGetLiveIntents());
        Command<GetMemoryFootprint>(_ => Sender.Tell(new MemoryFootprint(_live.Count, Context.Children.Count(), _legs.Count)));
        Command<LegRegistered>(r => _legs[r.ClientOrderId] = r.Intent);
        Command<IntentDone>(OnIntentDone);
        Command<StillBusy>(OnStillBusy);
        Command<IntentReport>(OnIntentReport);
        Command<OrderUpdated>(u => RouteUpdate(u.Order.ClientOrderId, u));
        Command<AlgoOrderUpdated>(u => RouteUpdate(u.Order.ClientAlgoId, u));
        Command<OrderListUpdated>(u => RouteUpdate(u.OrderList.ListClientOrderId, u));
        Command<StreamGap>(gap =>
        {
            if (gap.Market == _market.Market && gap.Kind == StreamKind.UserData)
            {
                Log.LogWarning("{Market} user-data stream gap ({Reason}): {Count} live intents ask for their orders", _market.Market, gap.Reason, Context.Children.Count());
                foreach (var child in Context.Children)
                {
                    child.Tell(new ResyncLegs());
                }
            }
        });
        Command<Terminated>(OnTerminated);
        Command<SaveSnapshotSucceeded>(s => DeleteMessages(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailed>(f => Log.LogWarning(f.Cause, "Router snapshot failed"));
        Command<DeleteMessagesSucceeded>(_ => { });
        Command<DeleteMessagesFailed>(f => Log.LogWarning(f.Cause, "Router journal clean-up failed"));
    }

    public override string PersistenceId => PersistenceIdOf(_market.Market);

    public static string PersistenceIdOf(Market market) => $"order-router-{market.ToString().ToLowerInvariant()}";

    public static Props Props(MarketContext market, IActorRef? reports) =>
        Actors.Props.Create(() => new OrderRouter(market, reports));

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    private void SubscribeToExchangeUpdates()
    {
        Context.System.EventStream.Subscribe(Self, typeof(OrderUpdated));
        Context.System.EventStream.Subscribe(Self, typeof(AlgoOrderUpdated));
        Context.System.EventStream.Subscribe(Self, typeof(OrderListUpdated));
        Context.System.EventStream.Subscribe(Self, typeof(StreamGap));
    }

    private void OnSubmit(SubmitIntent submit)
    {
        if (submit.Spec.Market != _market.Market)
        {
            Sender.Tell(new Status.Failure(new ArgumentException($"Intent {submit.Id} is for {submit.Spec.Market}, this router trades {_market.Market}.")));
            return;
        }

        if (_live.Contains(submit.Id))
        {
            Route(submit.Id, submit);
            return;
        }

        // Not live: either new, or finished and released; the intent's own journal tells which. The intent journals
        // itself before it sends anything, so the router's registration (which only lets a restart resume intents
        // without an owner) is written asynchronously and never holds submissions back.
        _live.Add(submit.Id);
        Route(submit.Id, submit);
        PersistAsync(new IntentRegistered(submit.Id, Now), _ => MaybeSnapshot());
    }

    private void Route(IntentId id, object message, IActorRef? sender = null)
    {
        sender ??= Sender;
        if (_waitingForStop.TryGetValue(id, out var waiting))
        {
            waiting.Add(new Envelope(message, sender));
            return;
        }

        IntentActor(id).Tell(message, sender);
    }

    private IActorRef IntentActor(IntentId id) =>
        Context.Child(ChildName(id)) ?? Context.Watch(Context.ActorOf(OrderIntent.Props(id, _market, Self), ChildName(id)));

    private static string ChildName(IntentId id) => "intent-" + Uri.EscapeDataString(id.Value);

    private void RouteUpdate(ClientOrderId clientOrderId, object update)
    {
        if (_legs.TryGetValue(clientOrderId, out var intent))
        {
            Route(intent, update, ActorRefs.Nobody);
        }
    }

    private void OnIntentReport(IntentReport report)
    {
        if (report.Owner is not null)
        {
            _reports?.Tell(report);
        }
    }

    private void OnIntentDone(IntentDone done)
    {
        if (Context.Child(ChildName(done.Intent)) is not { } child || _waitingForStop.ContainsKey(done.Intent))
        {
            return;
        }

        // Messages for the intent are held back until it has either stopped or said it has work again.
        _waitingForStop[done.Intent] = [];
        child.Tell(new StopIfIdle());
        if (done.Finished && _live.Contains(done.Intent))
        {
            foreach (var leg in _legs.Where(l => l.Value == done.Intent).Select(l => l.Key).ToList())
            {
                _legs.Remove(leg);
            }

            _live.Remove(done.Intent);
            PersistAsync(new IntentReleased(done.Intent, Now), _ => MaybeSnapshot());
        }
    }

    private void OnStillBusy(StillBusy busy)
    {
        if (_waitingForStop.Remove(busy.Intent, out var waiting))
        {
            foreach (var envelope in waiting)
            {
                Sender.Tell(envelope.Message, envelope.Sender);
            }
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        var name = terminated.ActorRef.Path.Name;
        var id = new IntentId(Uri.UnescapeDataString(name["intent-".Length..]));
        if (_waitingForStop.Remove(id, out var waiting) && waiting.Count > 0)
        {
            // Messages that arrived while the intent was stopping go to a fresh incarnation, recovered from its journal.
            var intent = IntentActor(id);
            foreach (var envelope in waiting)
            {
                intent.Tell(envelope.Message, envelope.Sender);
            }
        }
    }

    private void OnGetLiveIntents()
    {
        var sender = Sender;
        var children = Context.Children.ToList();
        if (children.Count == 0)
        {
            sender.Tell(new LiveIntents([]));
            return;
        }

        var timeout = TimeSpan.FromSeconds(5);
        Task.WhenAll(children.Select(c => c.Ask<object>(new GetIntent(IdOf(c)), timeout)))
            .ContinueWith(
                t => sender.Tell(new LiveIntents(t.IsCompletedSuccessfully ? t.Result.OfType<IntentReport>().ToList() : [])),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }

    private static IntentId IdOf(IActorRef child) => new(Uri.UnescapeDataString(child.Path.Name["intent-".Length..]));

    private void MaybeSnapshot()
    {
        if (++_eventsSinceSnapshot >= _market.Settings.SnapshotEvery)
        {
            _eventsSinceSnapshot = 0;
            SaveSnapshot(new LiveIntentsSnapshot([.. _live]));
        }
    }
}
