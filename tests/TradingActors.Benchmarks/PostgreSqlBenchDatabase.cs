using System.Data.Common;
using Npgsql;
using TradingActors.TestSupport;

namespace TradingActors.Benchmarks;

/// <summary>A private PostgreSQL server (fsync and synchronous_commit on) started for the run.</summary>
public sealed class PostgreSqlBenchDatabase : SqlBenchDatabase
{
    private readonly PostgreSqlServer _server;

    private PostgreSqlBenchDatabase(PostgreSqlServer server) => _server = server;

    public override string Name => "PostgreSQL 15 (fsync=on, synchronous_commit=on)";

    protected override string ProviderName => "PostgreSQL.15";

    protected override string ConnectionString => _server.ConnectionString;

    protected override string PayloadType => "BYTEA";

    public static async Task<PostgreSqlBenchDatabase> StartAsync() => new(await PostgreSqlServer.StartAsync());

    public override ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return _server.DisposeAsync();
    }

    protected override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task InsertChunkAsync(DbConnection connection, (string Id, long SequenceNr)[] rows, byte[] payload)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO raw_journal (persistence_id, sequence_number, payload)
            SELECT p, s, $3 FROM unnest($1::text[], $2::bigint[]) AS x(p, s)
            """,
            (NpgsqlConnection)connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SequenceNr).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = payload });
        await insert.ExecuteNonQueryAsync();
    }
}
