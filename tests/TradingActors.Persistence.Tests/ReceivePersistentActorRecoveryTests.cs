using TradingActors.Actors;
using TradingActors.TestKit;
using static TradingActors.Persistence.Tests.CounterActor;

namespace TradingActors.Persistence.Tests;

/// <summary>Recovery through the SQL journal's one-round-trip path (journal and snapshot store are one object).</summary>
public sealed class ReceivePersistentActorRecoveryTests : ActorTestKit
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ta-recovery-").FullName;

    public ReceivePersistentActorRecoveryTests()
    {
        Sys.AddPersistence(
            new JournalOptions { SqlitePath = Path.Combine(_directory, "journal.db"), SqliteDurability = SqliteDurability.Normal, ReadBatchSize = 2 },
            TestSerializer.Create());
    }

    [Fact]
    public async Task Snapshot_then_later_events_are_recovered_in_chunks()
    {
        var observer = CreateTestProbe();
        var client = CreateTestProbe();
        var first = Sys.ActorOf(CounterActor.Props("combined", observer.Ref));
        observer.ExpectMsg<Recovered>();
        client.Send(first, new Increment(1));
        client.Send(first, new TakeSnapshot());
        foreach (var step in new[] { 2, 3, 4, 5, 6 })
        {
            client.Send(first, new Increment(step));
        }

        client.ReceiveN(6);
        Assert.Equal(1, observer.ExpectMsg<SaveSnapshotSucceeded>().Metadata.SequenceNr);
        Assert.True(await first.GracefulStop(DefaultTimeout));

        var second = Sys.ActorOf(CounterActor.Props("combined", observer.Ref));

        Assert.Equal(
            [new Recovered("snapshot", 1), new Recovered("event", 2), new Recovered("event", 3), new Recovered("event", 4),
             new Recovered("event", 5), new Recovered("event", 6), new Recovered("completed", 6)],
            observer.ReceiveN(7));
        client.Send(second, new GetTotal());
        Assert.Equal(new Total(21, 6), client.ExpectMsg<Total>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Sys.WhenTerminated.Wait(TimeSpan.FromSeconds(10));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
