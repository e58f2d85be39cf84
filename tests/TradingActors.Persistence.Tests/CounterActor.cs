using TradingActors.Actors;

namespace TradingActors.Persistence.Tests;

/// <summary>A persistent counter used by the actor tests; reports what it recovers to <c>observer</c>.</summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly IActorRef _observer;
    private int _total;

    public CounterActor(string persistenceId, IActorRef observer)
    {
        PersistenceId = persistenceId;
        _observer = observer;

        Recover<SnapshotOffer>(offer =>
        {
            _total = ((CounterState)offer.Snapshot).Total;
            _observer.Tell(new Recovered("snapshot", offer.Metadata.SequenceNr));
        });
        Recover<Incremented>(e =>
        {
            _total += e.By;
            _observer.Tell(new Recovered("event", LastSequenceNr));
        });
        Recover<Noted>(e =>
        {
            if (e.Text == "poison")
            {
                throw new InvalidOperationException("cannot apply poison");
            }
        });
        Recover<RecoveryCompleted>(_ => _observer.Tell(new Recovered("completed", LastSequenceNr)));

        Command<Increment>(c => Persist(new Incremented(c.By), e =>
        {
            _total += e.By;
            Sender.Tell(new Incremented(_total));
        }));
        Command<IncrementTagged>(c => Persist(new Tagged(new Incremented(c.By), c.Tag), t =>
        {
            _total += ((Incremented)t.Payload).By;
            Sender.Tell(new Incremented(_total));
        }));
        Command<IncrementMany>(c => PersistAll(c.Steps.Select(s => new Incremented(s)), e =>
        {
            _total += e.By;
            Sender.Tell(new Applied(e.By, LastSequenceNr));
        }));
        Command<IncrementAsync>(c =>
        {
            foreach (var step in c.Steps)
            {
                PersistAsync(new Incremented(step), e =>
                {
                    _total += e.By;
                    Sender.Tell(new Applied(e.By, LastSequenceNr));
                });
            }

            DeferAsync("deferred", d => Sender.Tell(d));
        });
        Command<Note>(c => Persist(new Noted(c.Text), e => Sender.Tell(e)));
        Command<PersistUnserializable>(_ => Persist(new Unregistered(1), _ => Sender.Tell("must not run")));
        Command<TakeSnapshot>(_ => SaveSnapshot(new CounterState(_total, [])));
        Command<SaveSnapshotSucceeded>(s => _observer.Tell(s));
        Command<DeleteUpTo>(d => DeleteMessages(d.SequenceNr));
        Command<DeleteMessagesSucceeded>(d => _observer.Tell(d));
        Command<GetTotal>(_ => Sender.Tell(new Total(_total, LastSequenceNr)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef observer) => Actors.Props.Create(() => new CounterActor(persistenceId, observer));

    /// <summary>Every Noted event is also found under the "notes" tag, without a wrapper.</summary>
    protected override IReadOnlyCollection<string> TagsFor(object @event) => @event is Noted ? ["notes"] : [];

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _observer.Tell(new Rejected(sequenceNr));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        _observer.Tell(new PersistFailed(sequenceNr));
    }

    protected override void OnRecoveryFailure(Exception cause, object? @event)
    {
        base.OnRecoveryFailure(cause, @event);
        _observer.Tell(new RecoveryFailedWith(cause.GetType().Name));
    }

    public sealed record Increment(int By);

    public sealed record IncrementTagged(int By, string Tag);

    public sealed record IncrementMany(int[] Steps);

    public sealed record IncrementAsync(int[] Steps);

    public sealed record Note(string Text);

    public sealed record PersistUnserializable;

    public sealed record TakeSnapshot;

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record GetTotal;

    public sealed record Total(int Value, long LastSequenceNr);

    public sealed record Applied(int By, long SequenceNr);

    public sealed record Recovered(string What, long SequenceNr);

    public sealed record Rejected(long SequenceNr);

    public sealed record PersistFailed(long SequenceNr);

    public sealed record RecoveryFailedWith(string ExceptionType);
}
