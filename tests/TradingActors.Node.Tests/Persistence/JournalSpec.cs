using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using TradingActors.Node.Persistence;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Serialization;

namespace TradingActors.Node.Tests.Persistence;

/// <summary>
/// What the node needs of its journal on every backend: tagged trading events persist, a new actor system
/// recovers them, tag queries return them in order, and the plugin's tables exist.
/// </summary>
public abstract class JournalSpec : IAsyncLifetime
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset At = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private readonly List<ActorSystem> _systems = [];

    protected JournalConfiguration Journal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Journal = await CreateJournalAsync();
        await Journal.PrepareStorageAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate();
        }

        await DisposeStorageAsync();
    }

    [Fact]
    public async Task Tagged_events_are_recovered_by_a_new_incarnation_and_read_by_tag_in_order()
    {
        IJournalEvent[] events =
        [
            new AlertRaised(AlertSeverity.Warning, "first", At),
            new EntryFilled(1.5m, 100.25m, 0.01m, "order", At),
            new EntryFailed("untagged", At),
            new AlertRaised(AlertSeverity.Critical, "second", At.AddSeconds(1)),
            new RiskEvents.KillSwitchWasEngaged(At.AddSeconds(2)),
        ];
        var first = Start("first");
        var writer = first.Sys.ActorOf(Props.Create(() => new JournalActor("position-1")));
        foreach (var evt in events)
        {
            writer.Tell(evt, first.TestActor);
            first.ExpectMsg<JournalActor.Persisted>(Timeout);
        }

        await first.Sys.Terminate();
        var second = Start("second");
        var reader = second.Sys.ActorOf(Props.Create(() => new JournalActor("position-1")));
        reader.Tell(new JournalActor.GetEvents(), second.TestActor);
        var recovered = second.ExpectMsg<JournalActor.Events>(Timeout);

        Assert.Equal(events, recovered.All);
        var query = PersistenceQuery.Get(second.Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        await second.AwaitAssertAsync(
            async () =>
            {
                var alerts = await query.CurrentEventsByTag(JournalTags.Alerts, Offset.NoOffset())
                    .RunWith(Sink.Seq<EventEnvelope>(), second.Sys.Materializer());
                Assert.Equal([events[0], events[3], events[4]], alerts.Select(e => e.Event));
                Assert.Equal([1L, 4L, 5L], alerts.Select(e => e.SequenceNr));
            },
            Timeout);
        var executed = await query.CurrentEventsByTag(JournalTags.OrdersExecuted, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), second.Sys.Materializer());
        Assert.Equal([events[1]], executed.Select(e => e.Event));
    }

    [Fact]
    public async Task The_journal_snapshot_and_tag_tables_exist_once_an_actor_has_persisted()
    {
        var kit = Start("tables");
        var writer = kit.Sys.ActorOf(Props.Create(() => new JournalActor("risk-manager")));
        writer.Tell(new RiskEvents.KillSwitchWasReset(At), kit.TestActor);
        kit.ExpectMsg<JournalActor.Persisted>(Timeout);

        var tables = await TablesAsync();

        Assert.Contains("journal", tables);
        Assert.Contains("snapshot", tables);
        Assert.Contains("tags", tables);
    }

    protected abstract Task<JournalConfiguration> CreateJournalAsync();

    protected abstract Task DisposeStorageAsync();

    /// <summary>The tables of the journal's database (in its schema on PostgreSQL).</summary>
    protected abstract Task<IReadOnlyList<string>> TablesAsync();

    private Akka.TestKit.Xunit2.TestKit Start(string name)
    {
        var system = ActorSystem.Create("journal-" + name, Journal.Config);
        _systems.Add(system);
        return new Akka.TestKit.Xunit2.TestKit(system);
    }
}
