using Akka.Actor;
using Akka.Persistence.Query;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Serialization;

namespace TradingActors.Node.ReadSide;

/// <summary>
/// The position listing of the read side: follows the journal's <see cref="JournalTags.Positions"/> stream (every
/// node's positions: the journal is shared) and folds each position's events, so listing positions never wakes an
/// entity or replays a journal. Open positions are all kept; finished ones, the most recent <see cref="FinishedKept"/>.
/// </summary>
public sealed class PositionListProjection : ReceiveActor
{
    public const int FinishedKept = 1000;

    private readonly Dictionary<string, PositionData> _positions = [];
    private readonly SortedSet<(DateTimeOffset At, string Id)> _finished = [];
    private readonly JournalReader _reader;
    private readonly CancellationTokenSource _stop = new();
    private long _offset;

    public PositionListProjection(JournalReader reader)
    {
        _reader = reader;
        Receive<EventEnvelope>(OnEnvelope);
        Receive<ListPositions>(list => Sender.Tell(new PositionList(
            _positions.Values.Where(p => p.State != PositionState.New).OrderByDescending(p => p.OpenedAt).ToList(), _offset)));
        Receive<Status.Failure>(f => throw new InvalidOperationException("The positions stream failed", f.Cause));
    }

    /// <summary>Answered by <see cref="PositionList"/>: every open position, and the most recent finished ones, newest first.</summary>
    public sealed record ListPositions;

    public sealed record PositionList(IReadOnlyList<PositionData> Positions, long Offset);

    public static Props Props(JournalReader reader) => Akka.Actor.Props.Create(() => new PositionListProjection(reader));

    protected override void PreStart()
    {
        var self = Self;
        var token = _stop.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var envelope in _reader.FollowAsync(JournalTags.Positions, 0, token))
                    {
                        self.Tell(envelope);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    self.Tell(new Status.Failure(e));
                }
            },
            CancellationToken.None);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void OnEnvelope(EventEnvelope envelope)
    {
        _offset = Math.Max(_offset, JournalReader.OffsetOf(envelope));
        if (envelope.Event is not IPositionEvent evt)
        {
            return;
        }

        var id = envelope.PersistenceId;
        var before = _positions.GetValueOrDefault(id) ?? PositionData.Empty;
        if (!PositionTransitions.TryNext(before.State, evt, out _))
        {
            return;
        }

        var after = before.Apply(evt);
        _positions[id] = after;
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
}
