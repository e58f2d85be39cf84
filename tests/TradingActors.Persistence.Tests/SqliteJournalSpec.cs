using Microsoft.Data.Sqlite;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Sql;

namespace TradingActors.Persistence.Tests;

public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ta-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_directory, "journal.db");

    [Fact]
    public void Missing_database_directory_is_a_clear_error()
    {
        var missing = Path.Combine(_directory, "no-such-dir", "journal.db");

        var error = Assert.Throws<JournalUnavailableException>(
            () => new SqliteJournal(new JournalOptions { SqlitePath = missing }, TestSerializer.Create()));

        Assert.Contains("no-such-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_clear_error()
    {
        var path = Path.Combine(_directory, "garbage.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));
        await using var journal = new SqliteJournal(new JournalOptions { SqlitePath = path }, TestSerializer.Create());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => journal.ReadHighestSequenceNrAsync("p"));

        Assert.Contains("garbage.db", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }

    protected override SqlJournal CreateJournal(Func<JournalOptions, JournalOptions> configure, EventSerializer serializer) =>
        new SqliteJournal(configure(new JournalOptions { SqlitePath = DatabasePath }), serializer);

    protected override async Task CorruptMessageAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET message = x'00ff10' WHERE persistence_id = $p AND sequence_number = $s";
        command.Parameters.AddWithValue("$p", persistenceId);
        command.Parameters.AddWithValue("$s", sequenceNr);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task DisposeStorageAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
