using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TradingActors.Benchmarks;

/// <summary>A temporary SQLite file in WAL mode; Microsoft.Data.Sqlite opens connections with <c>synchronous = FULL</c>.</summary>
public sealed class SqliteBenchDatabase : SqlBenchDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ta-journal-bench-{Guid.NewGuid():N}.db");

    private SqliteBenchDatabase()
    {
    }

    public override string Name => "SQLite (WAL, synchronous=FULL)";

    protected override string ProviderName => "SQLite.MS";

    protected override string ConnectionString => $"Data Source={_path}";

    protected override string PayloadType => "BLOB";

    public static async Task<SqliteBenchDatabase> CreateAsync()
    {
        var database = new SqliteBenchDatabase();
        // WAL is a property of the file: set once, before the journal opens it.
        await using var connection = await database.OpenAsync();
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        await wal.ExecuteNonQueryAsync();
        return database;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task InsertChunkAsync(DbConnection connection, (string Id, long SequenceNr)[] rows, byte[] payload)
    {
        var sqlite = (SqliteConnection)connection;
        await using var transaction = sqlite.BeginTransaction(deferred: false);
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO raw_journal (persistence_id, sequence_number, payload) VALUES ($p, $s, $m)";
        var id = insert.Parameters.Add("$p", SqliteType.Text);
        var sequenceNr = insert.Parameters.Add("$s", SqliteType.Integer);
        insert.Parameters.AddWithValue("$m", payload);
        foreach (var row in rows)
        {
            id.Value = row.Id;
            sequenceNr.Value = row.SequenceNr;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
