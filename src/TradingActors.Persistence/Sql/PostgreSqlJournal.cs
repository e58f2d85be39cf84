using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// The PostgreSQL journal. A write is acknowledged after its transaction's COMMIT returned, i.e. after
/// the server flushed the commit record to its WAL (with the server's default <c>synchronous_commit=on</c>
/// and <c>fsync=on</c>). A batch is one transaction of two statements (journal rows from arrays via
/// <c>unnest</c>, then their tags); on a unique-key conflict the batch is redone one write per savepoint so
/// only the conflicting write fails.
/// </summary>
public sealed partial class PostgreSqlJournal : SqlJournal
{
    private const int SchemaVersion = 1;
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _endpoint;
    private readonly string _schema;

    public PostgreSqlJournal(JournalOptions options, EventSerializer serializer, ILogger? logger = null)
        : base(options, serializer, logger)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.PostgreSqlConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new JournalUnavailableException($"The PostgreSQL journal connection string is invalid: {e.Message}", e);
        }

        builder.Timeout = Math.Max(1, (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds));
        builder.CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.CommandTimeout.TotalSeconds));
        if (builder.MaxAutoPrepare == 0)
        {
            // Recovery runs the same few statements thousands of times: server-side prepared statements skip parse and plan.
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        // The journal never changes session state (no SET, LISTEN or temporary tables), so a connection going back
        // to the pool needs no reset: without this, every pooled open (one per recovering actor) makes the server
        // parse and run a reset batch before the actual query.
        builder.NoResetOnClose = true;

        _endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _schema = "\"" + options.SchemaName + "\"";
        _dataSource = NpgsqlDataSource.Create(builder);
        _recoveryLoop = Task.Run(RecoveryLoopAsync);
    }

    protected override string JournalTable => _schema + ".journal";

    protected override int ConcurrentBatches => Options.PostgreSqlWriteConnections;

    protected override string TagsTable => _schema + ".tags";

    protected override string SnapshotTable => _schema + ".snapshot";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    protected override async Task InitializeSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Several nodes may start at once; the advisory lock makes the CREATEs run one at a time.
        await using (var create = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock(7236001);
            CREATE SCHEMA IF NOT EXISTS {_schema};
            CREATE TABLE IF NOT EXISTS {JournalTable} (
              ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              persistence_id TEXT NOT NULL,
              sequence_number BIGINT NOT NULL,
              deleted BOOLEAN NOT NULL DEFAULT FALSE,
              created BIGINT NOT NULL,
              message BYTEA NOT NULL,
              manifest TEXT NOT NULL,
              writer_uuid TEXT NOT NULL,
              UNIQUE (persistence_id, sequence_number));
            CREATE TABLE IF NOT EXISTS {TagsTable} (
              ordering_id BIGINT NOT NULL,
              tag TEXT NOT NULL,
              persistence_id TEXT NOT NULL,
              sequence_nr BIGINT NOT NULL,
              PRIMARY KEY (tag, ordering_id));
            CREATE TABLE IF NOT EXISTS {SnapshotTable} (
              persistence_id TEXT NOT NULL,
              sequence_number BIGINT NOT NULL,
              created BIGINT NOT NULL,
              snapshot BYTEA NOT NULL,
              manifest TEXT NOT NULL,
              PRIMARY KEY (persistence_id, sequence_number));
            CREATE TABLE IF NOT EXISTS {_schema}.metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO {_schema}.metadata (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING;
            """,
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var version = new NpgsqlCommand($"SELECT value FROM {_schema}.metadata WHERE key = 'schema_version'", connection, transaction))
        {
            var found = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (found > SchemaVersion)
            {
                throw new JournalUnavailableException(
                    $"The PostgreSQL journal at {_endpoint} (schema {_schema}) has schema version {found}; this build reads up to {SchemaVersion}.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    internal override async Task<Exception?[]> WriteBatchAsync(IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                try
                {
                    await InsertAsync(connection, transaction, groups, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return new Exception?[groups.Count];
                }
                catch (PostgresException e) when (e.SqlState == UniqueViolation)
                {
                    await transaction.RollbackAsync(cancellationToken);
                }
            }

            return await WriteIsolatedAsync(connection, groups, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Idle pooled connections probably broke with this one (server restart): drop them.
            _dataSource.Clear();
            throw;
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await StopRecoveriesAsync();
        await _dataSource.DisposeAsync();
    }

    private async Task<Exception?[]> WriteIsolatedAsync(
        NpgsqlConnection connection, IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups, CancellationToken cancellationToken)
    {
        var results = new Exception?[groups.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < groups.Count; i++)
        {
            await transaction.SaveAsync("w", cancellationToken);
            try
            {
                await InsertAsync(connection, transaction, [groups[i]], cancellationToken);
                await transaction.ReleaseAsync("w", cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation)
            {
                await transaction.RollbackAsync("w", cancellationToken);
                results[i] = Conflict(groups[i], e);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups, CancellationToken cancellationToken)
    {
        var count = 0;
        var tagCount = 0;
        foreach (var row in groups.SelectMany(g => g).SelectMany(w => w))
        {
            count++;
            tagCount += row.Tags.Length;
        }

        var pids = new string[count];
        var seqs = new long[count];
        var created = new long[count];
        var messages = new byte[count][];
        var manifests = new string[count];
        var writers = new string[count];
        var tagPids = new string[tagCount];
        var tagSeqs = new long[tagCount];
        var tags = new string[tagCount];
        var n = 0;
        var t = 0;
        foreach (var row in groups.SelectMany(g => g).SelectMany(w => w))
        {
            pids[n] = row.PersistenceId;
            seqs[n] = row.SequenceNr;
            created[n] = row.Created;
            messages[n] = row.Message;
            manifests[n] = row.Manifest;
            writers[n] = row.WriterUuid;
            n++;
            foreach (var tag in row.Tags)
            {
                tagPids[t] = row.PersistenceId;
                tagSeqs[t] = row.SequenceNr;
                tags[t] = tag;
                t++;
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(
            $"""
            INSERT INTO {JournalTable} (persistence_id, sequence_number, created, message, manifest, writer_uuid)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bytea[], $5::text[], $6::text[])
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = pids });
        insert.Parameters.Add(new NpgsqlParameter { Value = seqs });
        insert.Parameters.Add(new NpgsqlParameter { Value = created });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages });
        insert.Parameters.Add(new NpgsqlParameter { Value = manifests });
        insert.Parameters.Add(new NpgsqlParameter { Value = writers });
        batch.BatchCommands.Add(insert);
        if (tagCount > 0)
        {
            var insertTags = new NpgsqlBatchCommand(
                $"""
                INSERT INTO {TagsTable} (ordering_id, tag, persistence_id, sequence_nr)
                SELECT j.ordering, x.tag, x.pid, x.seq
                FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(pid, seq, tag)
                JOIN {JournalTable} j ON j.persistence_id = x.pid AND j.sequence_number = x.seq
                """);
            insertTags.Parameters.Add(new NpgsqlParameter { Value = tagPids });
            insertTags.Parameters.Add(new NpgsqlParameter { Value = tagSeqs });
            insertTags.Parameters.Add(new NpgsqlParameter { Value = tags });
            batch.BatchCommands.Add(insertTags);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            _dataSource.Clear();
            throw new JournalUnavailableException($"Cannot connect to the PostgreSQL journal at {_endpoint}: {e.Message}", e);
        }
    }
}
