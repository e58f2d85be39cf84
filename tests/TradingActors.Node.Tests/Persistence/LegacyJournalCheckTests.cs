using Microsoft.Data.Sqlite;
using Npgsql;
using TradingActors.Node.Persistence;
using TradingActors.TestSupport;

namespace TradingActors.Node.Tests.Persistence;

[Collection(PostgreSqlFixture.CollectionName)]
public sealed class LegacyJournalCheckTests(PostgreSqlFixture postgres) : IDisposable
{
    // The tables of the journal before Akka.NET (src/TradingActors.Persistence/Sql/SqliteJournal.cs).
    private const string LegacySchema = """
        CREATE TABLE journal (
          ordering INTEGER PRIMARY KEY, persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL,
          deleted INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, message BLOB NOT NULL, manifest TEXT NOT NULL,
          writer_uuid TEXT NOT NULL, UNIQUE (persistence_id, sequence_number));
        CREATE TABLE tags (ordering_id INTEGER NOT NULL, tag TEXT NOT NULL, persistence_id TEXT NOT NULL, sequence_nr INTEGER NOT NULL);
        CREATE TABLE snapshot (persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL, created INTEGER NOT NULL, snapshot BLOB NOT NULL, manifest TEXT NOT NULL);
        CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO metadata (key, value) VALUES ('schema_version', '1');
        """;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ta-legacy-").FullName;

    [Fact]
    public async Task A_data_directory_with_the_old_journal_db_is_refused_naming_the_file()
    {
        var legacy = Path.Combine(_dataDirectory, "journal.db");
        CreateSqlite(legacy, LegacySchema);
        var journal = JournalConfiguration.Read(PersistenceConf.Block(), _dataDirectory);

        var error = await Assert.ThrowsAsync<NodeConfigurationException>(() => journal.PrepareStorageAsync());

        Assert.Contains(legacy, error.Message, StringComparison.Ordinal);
        Assert.Contains("Move it aside", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(journal.SqliteFile), "no new journal is started beside the old one");
    }

    [Fact]
    public async Task An_old_journal_configured_as_the_journal_file_is_refused()
    {
        var old = Path.Combine(_dataDirectory, "trading.db");
        CreateSqlite(old, LegacySchema);
        var journal = JournalConfiguration.Read(PersistenceConf.Block("""trading-actors.persistence { sqlite { path = "trading.db" } }"""), _dataDirectory);

        var error = await Assert.ThrowsAsync<NodeConfigurationException>(() => journal.PrepareStorageAsync());

        Assert.Contains(old, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_db_of_the_new_format_is_accepted()
    {
        CreateSqlite(Path.Combine(_dataDirectory, "journal.db"), "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, identifier INTEGER);");
        var journal = JournalConfiguration.Read(PersistenceConf.Block("""trading-actors.persistence { sqlite { path = "journal.db" } }"""), _dataDirectory);

        await journal.PrepareStorageAsync();

        Assert.True(File.Exists(journal.SqliteFile));
    }

    [Fact]
    public async Task A_PostgreSQL_schema_of_the_old_journal_is_refused_naming_it()
    {
        var schema = "legacy_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE SCHEMA {schema};
                CREATE TABLE {schema}.journal (ordering BIGSERIAL PRIMARY KEY, persistence_id TEXT NOT NULL, message BYTEA NOT NULL);
                CREATE TABLE {schema}.metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }

        var journal = JournalConfiguration.Read(
            PersistenceConf.Block($$"""trading-actors.persistence { plugin = postgresql, postgresql { connection-string = "{{postgres.ConnectionString}}", schema-name = {{schema}} } }"""),
            _dataDirectory);

        var error = await Assert.ThrowsAsync<NodeConfigurationException>(() => journal.PrepareStorageAsync());

        Assert.Contains($"'{schema}'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static void CreateSqlite(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
