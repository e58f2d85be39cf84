using TradingActors.Actors;
using TradingActors.Persistence.Sql;
using TradingActors.TestKit;

namespace TradingActors.Persistence.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOutageTests(PostgreSqlFixture fixture) : ActorTestKit
{
    private const int Actors = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Persisting_actors_survive_a_server_outage_without_losing_acknowledged_events()
    {
        var schema = "outage_" + Guid.NewGuid().ToString("N")[..12];
        var options = new JournalOptions
        {
            Plugin = JournalPlugin.PostgreSql,
            PostgreSqlConnectionString = fixture.ConnectionString,
            SchemaName = schema,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.FromSeconds(5),
        };
        Sys.AddPersistence(options, TestSerializer.Create());
        var log = new LoopingCounter.Progress();
        var ids = Enumerable.Range(0, Actors).Select(i => $"outage-{i}").ToList();
        foreach (var id in ids)
        {
            Sys.ActorOf(BackoffSupervisor.Props(BackoffOptions.OnStop(
                LoopingCounter.Props(id, log), "counter", TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), 0.1)));
        }

        AwaitCondition(() => ids.All(id => log.Acknowledged.GetValueOrDefault(id) >= 5), Patience);

        await fixture.Server.StopAsync();
        try
        {
            AwaitCondition(() => log.PersistFailures >= 1 && log.RecoveryFailures >= Actors, Patience);
        }
        finally
        {
            await fixture.Server.StartAgainAsync();
        }

        var beforeOutage = ids.ToDictionary(id => id, id => log.Acknowledged.GetValueOrDefault(id));
        AwaitCondition(() => ids.All(id => log.Acknowledged.GetValueOrDefault(id) >= beforeOutage[id] + 5), Patience);
        await Sys.Terminate();

        await using var journal = new PostgreSqlJournal(options, TestSerializer.Create());
        foreach (var id in ids)
        {
            var stored = new List<long>();
            await foreach (var e in journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))
            {
                Assert.Equal(e.SequenceNr, ((Incremented)e.Payload).By);
                stored.Add(e.SequenceNr);
            }

            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
            Assert.True(stored.Count >= log.Acknowledged[id], $"{id}: acknowledged {log.Acknowledged[id]}, stored {stored.Count}");
            Assert.True(log.Recoveries[id] >= 2, $"{id} was not restarted");
        }
    }
}
