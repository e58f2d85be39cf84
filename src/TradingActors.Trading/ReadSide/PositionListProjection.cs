using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.ReadSide;

/// <summary>
/// Every position as its journal tells it, for whoever needs the whole list: follows the journal's
/// <see cref="JournalTags.Positions"/> stream (every node's positions: the journal is shared) and folds each
/// position's events, so listing positions wakes no entity and replays nothing per request. Entities are not the
/// source: after a restart the shards start their remembered entities a moment later. Open positions are all kept;
/// finished ones, the most recent <see cref="FinishedKept"/>. Asked with <see cref="ListPositions.CatchUp"/>, it
/// first reads what the journal holds now, so the answer includes every event written before the question.
/// </summary>
public sealed class PositionListProjection : ReceiveActor
{
    public const int FinishedKept = 1000;

    private readonly Dictionary<string, (PositionData Data, long SequenceNr)> _positions = [];
    private readonly SortedSet<(DateTimeOffset At, string Id)> _finished = [];
    private readonly string _readJournal;
    private IKillSwitch? _live;
    private long _offset;

    public PositionListProjection(string readJournal)
    {
        _readJournal = readJournal;
        Receive<EventEnvelope>(Apply);
        Receive<ListPositions>(list =>
        {
            if (!list.CatchUp)
            {
                Sender.Tell(Current());
                return;
            }

            var replyTo = Sender;
            Journal<ICurrentEventsByTagQuery>().CurrentEventsByTag(JournalTags.Positions, Offset.Sequence(_offset))
                .RunWith(Sink.Seq<EventEnvelope>(), Context.System.Materializer())
                .PipeTo(Self, success: envelopes => new CaughtUp(envelopes, replyTo), failure: e => new CaughtUp([], replyTo, e));
        });
        Receive<CaughtUp>(caughtUp =>
        {
            foreach (var envelope in caughtUp.Envelopes)
            {
                Apply(envelope);
            }

            caughtUp.ReplyTo.Tell(caughtUp.Error is null ? Current() : new Status.Failure(caughtUp.Error));
        });
        Receive<Status.Failure>(f => throw new InvalidOperationException("The positions stream failed", f.Cause));
    }

    /// <summary>Answered by <see cref="PositionList"/>: every open position, and the most recent finished ones, newest first.</summary>
    public sealed record ListPositions(bool CatchUp = false);

    public sealed record PositionList(IReadOnlyList<PositionData> Positions, long Offset);

    public static Props Props(string readJournal) => Akka.Actor.Props.Create(() => new PositionListProjection(readJournal));

    protected override void PreStart() =>
        _live = Journal<IEventsByTagQuery>().EventsByTag(JournalTags.Positions, Offset.NoOffset())
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .To(Sink.ActorRef<EventEnvelope>(Self, new Status.Failure(new InvalidOperationException("the positions stream ended")), e => new Status.Failure(e)))
            .Run(Context.System.Materializer());

    protected override void PostStop() => _live?.Shutdown();

    private T Journal<T>()
        where T : class => PersistenceQuery.Get(Context.System).ReadJournalFor<IReadJournal>(_readJournal) as T
        ?? throw new InvalidOperationException($"The read journal {_readJournal} has no {typeof(T).Name}.");

    private PositionList Current() => new(
        _positions.Values.Select(p => p.Data).Where(p => p.State != PositionState.New).OrderByDescending(p => p.OpenedAt).ToList(), _offset);

    /// <summary>Applies an event once: the live stream and a catch-up can both bring it.</summary>
    private void Apply(EventEnvelope envelope)
    {
        _offset = Math.Max(_offset, envelope.Offset is Sequence sequence ? sequence.Value : 0);
        var id = envelope.PersistenceId;
        var (before, seen) = _positions.GetValueOrDefault(id, (PositionData.Empty, 0L));
        if (envelope.Event is not IPositionEvent evt || envelope.SequenceNr <= seen || !PositionTransitions.TryNext(before.State, evt, out _))
        {
            return;
        }

        var after = before.Apply(evt);
        _positions[id] = (after, envelope.SequenceNr);
        if (after.State.IsTerminal() && !before.State.IsTerminal())
        {
            _finished.Add((after.ClosedAt ?? after.OpenedAt, id));
            while (_finished.Count > FinishedKept)
            {
                _positions.Remove(_finished.Min.Id);
                _finished.Remove(_finished.Min);
            }
        }
    }

    private sealed record CaughtUp(IReadOnlyList<EventEnvelope> Envelopes, IActorRef ReplyTo, Exception? Error = null);
}
