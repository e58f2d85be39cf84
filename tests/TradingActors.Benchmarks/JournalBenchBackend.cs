using Microsoft.Data.Sqlite;
using Npgsql;
using TradingActors.Persistence;

namespace TradingActors.Benchmarks;

/// <summary>A journal backend under benchmark plus the raw SQL baselines measured on the same tables.</summary>
public abstract class JournalBenchBackend
{
    public abstract string Name { get; }

    public abstract JournalOptions Options { get; }

    /// <summary>INSERT + COMMIT of one row at a time on one connection (what sequential persisting costs at least).</summary>
    public abstract Task RawSequentialInsertAsync(string persistenceId, int count, byte[] message);

    /// <summary>All rows in one transaction in one batched INSERT (the physical limit for writing them).</summary>
    public abstract Task RawBatchedInsertAsync(IReadOnlyList<string> persistenceIds, int perId, byte[] message);

    /// <summary>Reads every row (all columns) of the persistence ids starting with the prefix, in id and sequence order.</summary>
    public abstract Task<long> RawSelectAsync(string persistenceIdPrefix);
}

public sealed class SqliteBenchBackend(string path) : JournalBenchBackend
{
    public override string Name => "SQLite (WAL, synchronous=FULL)";

    public override JournalOptions Options => new() { Plugin = JournalPlugin.Sqlite, SqlitePath = path, SqliteDurability = SqliteDurability.Full };

    public override async Task RawSequentialInsertAsync(string persistenceId, int count, byte[] message)
    {
        await using var connection = await OpenAsync();
        await using var insert = InsertCommand(connection);
        for (var i = 1; i <= count; i++)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            Bind(insert, persistenceId, i, message);
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    public override async Task RawBatchedInsertAsync(IReadOnlyList<string> persistenceIds, int perId, byte[] message)
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = InsertCommand(connection);
        insert.Transaction = transaction;
        foreach (var persistenceId in persistenceIds)
        {
            for (var i = 1; i <= perId; i++)
            {
                Bind(insert, persistenceId, i, message);
                await insert.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    public override async Task<long> RawSelectAsync(string persistenceIdPrefix)
    {
        await using var connection = await OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText =
            "SELECT ordering, sequence_number, created, message, manifest, writer_uuid FROM journal WHERE persistence_id >= $from AND persistence_id < $to ORDER BY persistence_id, sequence_number";
        select.Parameters.AddWithValue("$from", persistenceIdPrefix);
        select.Parameters.AddWithValue("$to", persistenceIdPrefix + "\uffff");
        await using var reader = await select.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0) + reader.GetInt64(1) + reader.GetInt64(2);
            _ = reader.GetFieldValue<byte[]>(3);
            _ = reader.GetString(4);
            _ = reader.GetString(5);
            rows++;
        }

        return rows;
    }

    private static SqliteCommand InsertCommand(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ($p, $s, 0, $m, 'bench.event.v1', 'raw')";
        insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
        insert.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
        insert.Parameters.Add(new SqliteParameter { ParameterName = "$m" });
        return insert;
    }

    private static void Bind(SqliteCommand insert, string persistenceId, long sequenceNr, byte[] message)
    {
        insert.Parameters[0].Value = persistenceId;
        insert.Parameters[1].Value = sequenceNr;
        insert.Parameters[2].Value = message;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }
}

public sealed class PostgreSqlBenchBackend(string connectionString) : JournalBenchBackend
{
    private const string Schema = "bench";

    public override string Name => "PostgreSQL 15 (fsync=on, synchronous_commit=on)";

    public override JournalOptions Options => new()
    {
        Plugin = JournalPlugin.PostgreSql,
        PostgreSqlConnectionString = connectionString,
        SchemaName = Schema,
    };

    public override async Task RawSequentialInsertAsync(string persistenceId, int count, byte[] message)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 1; i <= count; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {Schema}.journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES ($1, $2, 0, $3, 'bench.event.v1', 'raw')",
                connection,
                transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = persistenceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)i });
            insert.Parameters.Add(new NpgsqlParameter { Value = message });
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    public override async Task RawBatchedInsertAsync(IReadOnlyList<string> persistenceIds, int perId, byte[] message)
    {
        var count = persistenceIds.Count * perId;
        var pids = new string[count];
        var seqs = new long[count];
        var messages = new byte[count][];
        var n = 0;
        foreach (var persistenceId in persistenceIds)
        {
            for (var i = 1; i <= perId; i++)
            {
                pids[n] = persistenceId;
                seqs[n] = i;
                messages[n] = message;
                n++;
            }
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO {Schema}.journal (persistence_id, sequence_number, created, message, manifest, writer_uuid)
            SELECT p, s, 0, m, 'bench.event.v1', 'raw' FROM unnest($1::text[], $2::bigint[], $3::bytea[]) AS x(p, s, m)
            """,
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = pids });
        insert.Parameters.Add(new NpgsqlParameter { Value = seqs });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages });
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public override async Task<long> RawSelectAsync(string persistenceIdPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand(
            $"SELECT ordering, sequence_number, created, message, manifest, writer_uuid FROM {Schema}.journal WHERE persistence_id >= $1 AND persistence_id < $2 ORDER BY persistence_id, sequence_number",
            connection);
        select.Parameters.Add(new NpgsqlParameter { Value = persistenceIdPrefix });
        select.Parameters.Add(new NpgsqlParameter { Value = persistenceIdPrefix + "\uffff" });
        await using var reader = await select.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0) + reader.GetInt64(1) + reader.GetInt64(2);
            _ = reader.GetFieldValue<byte[]>(3);
            _ = reader.GetString(4);
            _ = reader.GetString(5);
            rows++;
        }

        return rows;
    }
}
