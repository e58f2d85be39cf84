using TradingActors.Persistence.Sql;
using Xunit.Abstractions;

namespace TradingActors.Persistence.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlCrashTests(PostgreSqlFixture fixture, ITestOutputHelper output) : CrashTestBase(output)
{
    [Fact]
    public async Task Every_acknowledged_event_survives_repeated_kill_9()
    {
        var schema = "crash_" + Guid.NewGuid().ToString("N")[..12];

        await KillRepeatedlyAndVerifyAsync(
            ["postgresql", fixture.ConnectionString, schema, ActorCount],
            serializer => new PostgreSqlJournal(
                new JournalOptions { Plugin = JournalPlugin.PostgreSql, PostgreSqlConnectionString = fixture.ConnectionString, SchemaName = schema },
                serializer));
    }
}
