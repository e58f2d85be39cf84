using TradingActors.Actors;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Sql;
using TradingActors.TestKit;
using static TradingActors.Persistence.Tests.CounterActor;

namespace TradingActors.Persistence.Tests;

public sealed class ReceivePersistentActorTests : ActorTestKit
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ta-actor-").FullName;
    private readonly SqliteJournal _journal;
    private readonly FlakyJournal _flaky;

    public ReceivePersistentActorTests()
    {
        var options = new JournalOptions { SqlitePath = Path.Combine(_directory, "journal.db"), SqliteDurability = SqliteDurability.Normal };
        _journal = new SqliteJournal(options, TestSerializer.Create());
        _flaky = new FlakyJournal(_journal);
        PersistenceExtension.Get(Sys).Configure(_flaky, _journal, _journal, options, disposeOnTermination: false);
    }

    [Fact]
    public void A_new_persistence_id_completes_recovery_at_sequence_number_zero()
    {
        var observer = CreateTestProbe();

        Sys.ActorOf(CounterActor.Props("new-id", observer.Ref));

        Assert.Equal(new Recovered("completed", 0), observer.ExpectMsg<Recovered>());
    }

    [Fact]
    public void Commands_sent_during_a_persist_wait_for_its_handler_which_sees_the_original_sender()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("stash", observer.Ref));

        client.Send(counter, new Increment(5));
        client.Send(counter, new GetTotal());

        Assert.Equal(new Incremented(5), client.ExpectMsg<Incremented>());
        Assert.Equal(new Total(5, 1), client.ExpectMsg<Total>());
    }

    [Fact]
    public async Task A_restarted_actor_replays_its_events_in_order()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var first = Sys.ActorOf(CounterActor.Props("replay", observer.Ref));
        foreach (var step in new[] { 1, 2, 3 })
        {
            client.Send(first, new Increment(step));
            client.ExpectMsg<Incremented>();
        }

        Assert.True(await first.GracefulStop(DefaultTimeout));
        observer.ExpectMsg<Recovered>();
        var second = Sys.ActorOf(CounterActor.Props("replay", observer.Ref));

        Assert.Equal(
            [new Recovered("event", 1), new Recovered("event", 2), new Recovered("event", 3), new Recovered("completed", 3)],
            observer.ReceiveN(4));
        client.Send(second, new GetTotal());
        Assert.Equal(new Total(6, 3), client.ExpectMsg<Total>());
    }

    [Fact]
    public async Task A_snapshot_is_offered_first_and_only_later_events_are_replayed()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var first = Sys.ActorOf(CounterActor.Props("snap", observer.Ref));
        observer.ExpectMsg<Recovered>();
        client.Send(first, new Increment(10));
        client.Send(first, new Increment(20));
        client.Send(first, new TakeSnapshot());
        client.Send(first, new Increment(3));
        client.ReceiveN(3);
        Assert.Equal(2, observer.ExpectMsg<SaveSnapshotSucceeded>().Metadata.SequenceNr);

        Assert.True(await first.GracefulStop(DefaultTimeout));
        var second = Sys.ActorOf(CounterActor.Props("snap", observer.Ref));

        Assert.Equal([new Recovered("snapshot", 2), new Recovered("event", 3), new Recovered("completed", 3)], observer.ReceiveN(3));
        client.Send(second, new GetTotal());
        Assert.Equal(new Total(33, 3), client.ExpectMsg<Total>());
    }

    [Fact]
    public async Task PersistAll_is_one_atomic_write_with_a_handler_call_per_event()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("all", observer.Ref));

        client.Send(counter, new IncrementMany([1, 2, 3]));
        client.Send(counter, new GetTotal());

        Assert.Equal([new Applied(1, 1), new Applied(2, 2), new Applied(3, 3), new Total(6, 3)], client.ReceiveN(4));
        Assert.Equal(3, await _journal.ReadHighestSequenceNrAsync("all"));
    }

    [Fact]
    public void Deferred_handler_runs_after_the_pending_async_persists()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("async", observer.Ref));

        client.Send(counter, new IncrementAsync([4, 5]));

        Assert.Equal([new Applied(4, 1), new Applied(5, 2), "deferred"], client.ReceiveN(3));
    }

    [Fact]
    public void A_rejected_event_is_reported_and_the_actor_goes_on()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("reject", observer.Ref));
        observer.ExpectMsg<Recovered>();

        client.Send(counter, new PersistUnserializable());
        client.Send(counter, new Increment(7));

        Assert.Equal(new Rejected(1), observer.ExpectMsg<Rejected>());
        Assert.Equal(new Incremented(7), client.ExpectMsg<Incremented>());
    }

    [Fact]
    public void A_failed_write_stops_the_actor()
    {
        var observer = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("fail", observer.Ref));
        observer.ExpectMsg<Recovered>();
        observer.Watch(counter);
        _flaky.FailWrites = true;

        counter.Tell(new Increment(1));

        Assert.Equal(new PersistFailed(1), observer.ExpectMsg<PersistFailed>());
        observer.ExpectTerminated(counter);
    }

    [Fact]
    public async Task A_backoff_supervisor_restarts_the_failed_actor_which_replays_what_was_stored()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(BackoffOptions.OnStop(
            CounterActor.Props("backoff", observer.Ref), "counter", TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), 0)));
        client.Send(supervisor, new Increment(2));
        client.ExpectMsg<Incremented>();
        _flaky.FailWrites = true;

        client.Send(supervisor, new Increment(100));
        observer.FishForMessage<PersistFailed>(_ => true);
        _flaky.FailWrites = false;

        Assert.Equal(new Recovered("event", 1), observer.FishForMessage<Recovered>(r => r.What == "event"));
        await AwaitAssertAsync(async () => Assert.Equal(new Total(2, 1), await supervisor.Ask<Total>(new GetTotal(), TimeSpan.FromMilliseconds(500))));
        client.Send(supervisor, new Increment(3));
        Assert.Equal(new Incremented(5), client.ExpectMsg<Incremented>());
    }

    [Fact]
    public async Task An_unreadable_event_stops_the_actor_with_a_recovery_failure()
    {
        await _journal.WriteAsync(new AtomicWrite([new PersistentRepresentation("corrupt", 1, new Noted("poison"), "w")]));
        var observer = CreateTestProbe();

        var counter = Sys.ActorOf(CounterActor.Props("corrupt", observer.Ref));
        observer.Watch(counter);

        Assert.Equal(nameof(InvalidOperationException), observer.ExpectMsg<RecoveryFailedWith>().ExceptionType);
        observer.ExpectTerminated(counter);
    }

    [Fact]
    public async Task An_unknown_manifest_fails_recovery()
    {
        await using (var newer = new SqliteJournal(new JournalOptions { SqlitePath = Path.Combine(_directory, "journal.db") }, new EventSerializer().Register<Incremented>("from-the-future")))
        {
            await newer.WriteAsync(new AtomicWrite([new PersistentRepresentation("future", 1, new Incremented(1), "w")]));
        }

        var observer = CreateTestProbe();
        Sys.ActorOf(CounterActor.Props("future", observer.Ref));

        Assert.Equal(nameof(EventDeserializationException), observer.ExpectMsg<RecoveryFailedWith>().ExceptionType);
    }

    [Fact]
    public async Task Deleted_events_are_not_replayed_but_numbering_continues()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var first = Sys.ActorOf(CounterActor.Props("delete", observer.Ref));
        client.Send(first, new Increment(1));
        client.Send(first, new Increment(2));
        client.ReceiveN(2);
        first.Tell(new DeleteUpTo(2));
        observer.FishForMessage<DeleteMessagesSucceeded>(_ => true);
        Assert.True(await first.GracefulStop(DefaultTimeout));

        var second = Sys.ActorOf(CounterActor.Props("delete", observer.Ref));
        Assert.Equal(new Recovered("completed", 2), observer.FishForMessage<Recovered>(r => r.What == "completed" && r.SequenceNr == 2));
        client.Send(second, new IncrementMany([5]));

        Assert.Equal(new Applied(5, 3), client.ExpectMsg<Applied>());
    }

    [Fact]
    public async Task Tagged_events_are_found_by_the_tag_query()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var counter = Sys.ActorOf(CounterActor.Props("tagged", observer.Ref));

        client.Send(counter, new IncrementTagged(4, "orders:executed"));
        client.Send(counter, new Note("by the actor's own tagging"));
        client.ExpectMsg<Incremented>();
        client.ExpectMsg<Noted>();

        var orders = new List<object>();
        await foreach (var envelope in Sys.Persistence().Queries.CurrentEventsByTag("orders:executed"))
        {
            orders.Add(envelope.Event);
        }

        var notes = new List<object>();
        await foreach (var envelope in Sys.Persistence().Queries.CurrentEventsByTag("notes"))
        {
            notes.Add(envelope.Event);
        }

        Assert.Equal([new Incremented(4)], orders);
        Assert.Equal([new Noted("by the actor's own tagging")], notes);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
