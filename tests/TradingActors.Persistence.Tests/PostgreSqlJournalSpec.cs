using System.Diagnostics;
using Npgsql;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Sql;

namespace TradingActors.Persistence.Tests;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJournalSpec(PostgreSqlFixture fixture) : JournalSpec
{
    private readonly string _schema = "spec_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Unreachable_server_is_a_clear_error_within_the_connect_timeout()
    {
        var options = FastOptions(new JournalOptions
        {
            PostgreSqlConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Password=secret-value;Database=postgres",
            ConnectTimeout = TimeSpan.FromSeconds(2),
        });
        await using var journal = new PostgreSqlJournal(options, TestSerializer.Create());
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.ReadHighestSequenceNrAsync("p"));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_connection_string_is_a_clear_error()
    {
        var options = new JournalOptions { PostgreSqlConnectionString = "Hots=localhost;Prot=5432" };

        var error = Assert.Throws<JournalUnavailableException>(() => new PostgreSqlJournal(options, TestSerializer.Create()));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_tag_query_waits_for_an_ordering_committed_out_of_order()
    {
        await Journal.WriteAsync(Write("p-gap", 1, new Tagged(new Incremented(0), "gap")));
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {_schema}.journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ('p-slow', 1, 0, convert_to('{{\"By\":1}}', 'UTF8'), 'test.incremented.v1', 'w') RETURNING ordering",
            connection,
            slow))
        {
            var ordering = (long)(await insert.ExecuteScalarAsync())!;
            await using var tag = new NpgsqlCommand($"INSERT INTO {_schema}.tags VALUES ({ordering}, 'gap', 'p-slow', 1)", connection, slow);
            await tag.ExecuteNonQueryAsync();
        }

        await Journal.WriteAsync(Write("p-fast", 1, new Tagged(new Incremented(2), "gap")));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var query = Journal.EventsByTag("gap", 0, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await query.MoveNextAsync());
        Assert.Equal("p-gap", query.Current.PersistenceId);
        var next = query.MoveNextAsync().AsTask();
        await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(next.IsCompleted, "the query skipped ahead of an uncommitted ordering");

        await slow.CommitAsync();

        Assert.True(await next);
        Assert.Equal("p-slow", query.Current.PersistenceId);
        Assert.True(await query.MoveNextAsync());
        Assert.Equal("p-fast", query.Current.PersistenceId);
    }

    protected override SqlJournal CreateJournal(Func<JournalOptions, JournalOptions> configure, EventSerializer serializer) =>
        new PostgreSqlJournal(
            configure(new JournalOptions
            {
                Plugin = JournalPlugin.PostgreSql,
                PostgreSqlConnectionString = fixture.ConnectionString,
                SchemaName = _schema,
                GapTimeout = TimeSpan.FromSeconds(30),
            }),
            serializer);

    protected override async Task CorruptMessageAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE {_schema}.journal SET message = '\\x00ff10'::bytea WHERE persistence_id = $1 AND sequence_number = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = sequenceNr });
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task DisposeStorageAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
