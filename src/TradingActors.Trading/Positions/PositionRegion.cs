using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Persistence;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Orders.RouterProtocol;
using static TradingActors.Trading.Positions.PositionProtocol;
using static TradingActors.Trading.Positions.RegionEvents;

namespace TradingActors.Trading.Positions;

/// <summary>
/// Creates, finds and passivates the position actors of one market. Its journal lists the positions that
/// are not finished, so a restart brings them back (they recover from their own journals). A command for a
/// position that left memory recreates it from its journal, so finished positions still answer.
/// </summary>
public sealed class PositionRegion : ReceivePersistentActor
{
    private readonly MarketContext _market;
    private readonly PositionSettings _settings;
    private readonly HashSet<PositionId> _open = [];
    private readonly Dictionary<PositionId, List<Envelope>> _waitingForStop = [];
    private IActorRef? _router;

    public PositionRegion(MarketContext market, PositionSettings settings)
    {
        _market = market;
        _settings = settings;

        Recover<PositionRegistered>(e => _open.Add(e.Id));
        Recover<PositionReleased>(e => _open.Remove(e.Id));
        Recover<RecoveryCompleted>(_ => Log.LogInformation("Position region for {Market} has {Count} positions to resume", _market.Market, _open.Count));

        // Positions need the router, which starts after the region (it reports to it): wait for it.
        Command<UseRouter>(u =>
        {
            _router = u.Router;
            foreach (var id in _open)
            {
                PositionActor(id);
            }

            Context.Stash.UnstashAll();
        });
        Command<object>(_ => Context.Stash.Stash(), _ => _router is null);
        Command<OpenPosition>(o => Register(o.Id, o));
        Command<AdoptPosition>(a => Register(a.Id, a));
        Command<IPositionCommand>(c => Route(c.Id, c));
        Command<IntentReport>(r =>
        {
            if (r.Owner is { } owner)
            {
                Route(owner, r, ActorRefs.Nobody);
            }
        });
        Command<GetOpenPositions>(_ => OnGetOpenPositions());
        Command<PositionFinished>(OnFinished);
        Command<Terminated>(OnTerminated);
    }

    public override string PersistenceId => PersistenceIdOf(_market.Market);

    /// <summary>The region's journal registers every position of the market, finished ones included.</summary>
    public static string PersistenceIdOf(Market market) => $"positions-{market.ToString().ToLowerInvariant()}";

    /// <summary>Answered by <see cref="OpenPositions"/>: every position in memory (open ones and recently finished ones).</summary>
    public sealed record GetOpenPositions;

    public sealed record OpenPositions(IReadOnlyList<PositionView> Positions);

    /// <summary>Wires the router (which needs the region for its reports, so it starts second).</summary>
    public sealed record UseRouter(IActorRef Router);

    public static Props Props(MarketContext market, PositionSettings settings) =>
        Actors.Props.Create(() => new PositionRegion(market, settings));

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    /// <summary>A new position is journaled as registered before it exists, so a restart always brings it back.</summary>
    private void Register(PositionId id, IPositionCommand command)
    {
        if (_open.Contains(id) || Context.Child(id.Value) is not null)
        {
            Route(id, command);
            return;
        }

        var sender = Sender;
        Persist(new PositionRegistered(id, Now), e =>
        {
            _open.Add(e.Id);
            Route(e.Id, command, sender);
        });
    }

    private void Route(PositionId id, object message, IActorRef? sender = null)
    {
        sender ??= Sender;
        if (_waitingForStop.TryGetValue(id, out var waiting))
        {
            waiting.Add(new Envelope(message, sender));
            return;
        }

        PositionActor(id).Tell(message, sender);
    }

    private IActorRef PositionActor(PositionId id)
    {
        if (Context.Child(id.Value) is { } existing)
        {
            return existing;
        }

        var router = _router ?? throw new InvalidOperationException("The position region has no router yet.");
        return Context.Watch(Context.ActorOf(Position.Props(id, _market, router, _settings), id.Value));
    }

    private void OnFinished(PositionFinished finished)
    {
        if (Context.Child(finished.Id.Value) is not { } child)
        {
            return;
        }

        _waitingForStop[finished.Id] = [];
        Context.Stop(child);
        if (_open.Contains(finished.Id))
        {
            Persist(new PositionReleased(finished.Id, Now), e => _open.Remove(e.Id));
        }
    }

    private void OnTerminated(Terminated terminated)
    {
        var id = new PositionId(terminated.ActorRef.Path.Name);
        if (_waitingForStop.Remove(id, out var waiting) && waiting.Count > 0)
        {
            var position = PositionActor(id);
            foreach (var envelope in waiting)
            {
                position.Tell(envelope.Message, envelope.Sender);
            }
        }
    }

    private void OnGetOpenPositions()
    {
        // Children on their way out are finished positions: leave them out rather than wait for them.
        var sender = Sender;
        var children = Context.Children.Where(c => !_waitingForStop.ContainsKey(new PositionId(c.Path.Name))).ToList();
        Task.WhenAll(children.Select(c => c.Ask<PositionView>(new GetPosition(new PositionId(c.Path.Name)), TimeSpan.FromSeconds(5))))
            .ContinueWith(
                t => sender.Tell(t.IsCompletedSuccessfully
                    ? new OpenPositions(t.Result)
                    : new Status.Failure(t.Exception?.GetBaseException() ?? new TaskCanceledException())),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }
}
