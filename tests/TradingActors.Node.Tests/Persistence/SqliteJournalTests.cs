using Microsoft.Data.Sqlite;
using TradingActors.Node.Persistence;

namespace TradingActors.Node.Tests.Persistence;

public sealed class SqliteJournalTests : JournalSpec
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ta-journal-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task The_journal_file_is_in_the_data_directory_in_WAL_mode()
    {
        await using var connection = new SqliteConnection($"Data Source={Journal.SqliteFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal(Path.Combine(_dataDirectory, "akka-journal.db"), Journal.SqliteFile);
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    protected override Task<JournalConfiguration> CreateJournalAsync() =>
        Task.FromResult(JournalConfiguration.Read(PersistenceConf.Block(), _dataDirectory));

    protected override Task DisposeStorageAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }

        return Task.CompletedTask;
    }

    protected override async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Journal.SqliteFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
