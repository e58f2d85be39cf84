using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// The embedded SQLite journal. Durability: WAL mode; with <see cref="SqliteDurability.Full"/> every
/// commit fsyncs the WAL before any write in it is acknowledged (survives power loss); with
/// <see cref="SqliteDurability.Normal"/> the commit is in the OS before acknowledgement (survives kill -9,
/// not power loss). One writer connection commits all batches; readers use pooled connections.
/// </summary>
public sealed class SqliteJournal : SqlJournal
{
    private const int SchemaVersion = 1;
    private const int UniqueConstraintFailed = 2067;
    private const int PrimaryKeyConstraintFailed = 1555;

    private readonly string _connectionString;
    private readonly string _writerConnectionString;

    // Idle recovery readers (each one connection with prepared statements); as many exist as recoveries ever ran
    // at once, which the recovery permits bound.
    private readonly ConcurrentBag<SqliteRecoveryReader> _readers = [];
    private RawWriter? _writer;
    private volatile bool _disposed;

    public SqliteJournal(JournalOptions options, EventSerializer serializer, ILogger? logger = null)
        : base(options, serializer, logger)
    {
        var path = Path.GetFullPath(options.SqlitePath);
        var directory = Path.GetDirectoryName(path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new JournalUnavailableException($"The SQLite journal directory '{directory}' does not exist (journal file '{path}').");
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        }.ToString();
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    protected override string JournalTable => "journal";

    protected override string TagsTable => "tags";

    protected override string SnapshotTable => "snapshot";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Readers need no pragmas: Microsoft.Data.Sqlite retries a busy database until the command timeout.
        return await Task.FromResult(Open(_connectionString, withPragmas: false));
    }

    protected override async Task<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken) => await OpenAsync(cancellationToken);

    protected override async Task InitializeSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateSchemaAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new JournalUnavailableException($"Cannot initialize the SQLite journal '{DatabasePath}': {e.Message}", e);
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = Command(connection, "PRAGMA journal_mode=WAL"))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = Command(
            connection,
            """
            CREATE TABLE IF NOT EXISTS journal (
              ordering INTEGER PRIMARY KEY AUTOINCREMENT,
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              deleted INTEGER NOT NULL DEFAULT 0,
              created INTEGER NOT NULL,
              message BLOB NOT NULL,
              manifest TEXT NOT NULL,
              writer_uuid TEXT NOT NULL,
              UNIQUE (persistence_id, sequence_number));
            CREATE TABLE IF NOT EXISTS tags (
              ordering_id INTEGER NOT NULL,
              tag TEXT NOT NULL,
              persistence_id TEXT NOT NULL,
              sequence_nr INTEGER NOT NULL,
              PRIMARY KEY (tag, ordering_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS snapshot (
              persistence_id TEXT NOT NULL,
              sequence_number INTEGER NOT NULL,
              created INTEGER NOT NULL,
              snapshot BLOB NOT NULL,
              manifest TEXT NOT NULL,
              PRIMARY KEY (persistence_id, sequence_number));
            CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR IGNORE INTO metadata (key, value) VALUES ('schema_version', '1');
            """))
        {
            create.Transaction = transaction;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var version = Command(connection, "SELECT value FROM metadata WHERE key = 'schema_version'"))
        {
            version.Transaction = transaction;
            var found = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (found > SchemaVersion)
            {
                throw new JournalUnavailableException(
                    $"The SQLite journal '{DatabasePath}' has schema version {found}; this build reads up to {SchemaVersion}.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    internal override Task<Exception?[]> WriteBatchAsync(IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups, CancellationToken cancellationToken)
    {
        // SQLite work is synchronous; the writer loop owns this connection, so no other thread touches it.
        try
        {
            return Task.FromResult(WriteBatch(groups));
        }
        catch
        {
            CloseWriter();
            throw;
        }
    }

    public override async Task<long> ReplayForRecoveryAsync(
        string persistenceId,
        long fromSequenceNr,
        int chunkSize,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ValidateReplayArguments(chunkSize, onChunk);
        await EnsureInitializedAsync(cancellationToken);
        var reader = RentReader();
        var reusable = false;
        try
        {
            var highest = await ReadEventsAsync(reader, persistenceId, fromSequenceNr, chunkSize, onChunk, cancellationToken);
            reusable = true;
            return highest;
        }
        finally
        {
            ReturnReader(reader, reusable);
        }
    }

    public override async Task<long> RecoverAsync(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ValidateRecoveryArguments(persistenceId, criteria, chunkSize, onSnapshot, onChunk);
        await EnsureInitializedAsync(cancellationToken);
        var reader = RentReader();
        var reusable = false;
        try
        {
            var snapshot = reader.ReadSnapshot(persistenceId, criteria, Serializer);
            await onSnapshot(snapshot);

            // The events after the snapshot that was offered (not one saved since).
            var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
            var highest = await ReadEventsAsync(reader, persistenceId, from, chunkSize, onChunk, cancellationToken);
            reusable = true;
            return Math.Max(highest, snapshot?.Metadata.SequenceNr ?? 0);
        }
        finally
        {
            ReturnReader(reader, reusable);
        }
    }

    protected override ValueTask DisposeCoreAsync()
    {
        _disposed = true;
        DisposeIdleReaders();
        CloseWriter();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private Exception?[] WriteBatch(IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups)
    {
        var writer = _writer ??= OpenWriter();
        try
        {
            writer.Execute("BEGIN IMMEDIATE");
            foreach (var row in groups.SelectMany(g => g).SelectMany(w => w))
            {
                writer.Insert(row);
            }

            writer.Execute("COMMIT");
            return new Exception?[groups.Count];
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            // Redo the batch so that only the conflicting groups fail.
            writer.RollbackIfOpen();
        }
        catch
        {
            writer.RollbackIfOpen();
            throw;
        }

        return WriteIsolated(writer, groups);
    }

    private static Exception?[] WriteIsolated(RawWriter writer, IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups)
    {
        var results = new Exception?[groups.Count];
        try
        {
            writer.Execute("BEGIN IMMEDIATE");
            for (var i = 0; i < groups.Count; i++)
            {
                writer.Execute("SAVEPOINT w");
                try
                {
                    foreach (var row in groups[i].SelectMany(w => w))
                    {
                        writer.Insert(row);
                    }
                }
                catch (SqliteException e) when (IsUniqueViolation(e))
                {
                    writer.Execute("ROLLBACK TO w");
                    results[i] = Conflict(groups[i], e);
                }

                writer.Execute("RELEASE w");
            }

            writer.Execute("COMMIT");
            return results;
        }
        catch
        {
            writer.RollbackIfOpen();
            throw;
        }
    }

    /// <summary>
    /// Rows are read and deserialized on this thread while the actor applies the previous chunk on its own:
    /// <paramref name="onChunk"/> only waits when the actor falls behind, which is the back-pressure.
    /// </summary>
    private async Task<long> ReadEventsAsync(
        SqliteRecoveryReader reader,
        string persistenceId,
        long fromSequenceNr,
        int chunkSize,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken)
    {
        long highest = 0;
        reader.StartEvents(persistenceId, fromSequenceNr);
        var capacity = InitialChunkCapacity(chunkSize);
        bool more;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new List<PersistentRepresentation>(capacity);
            capacity = chunkSize;
            more = reader.ReadChunk(persistenceId, Serializer, chunk, chunkSize, ref highest);
            if (chunk.Count > 0)
            {
                await onChunk(chunk);
            }
        }
        while (more);

        return highest;
    }

    private SqliteRecoveryReader RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var reader))
        {
            return reader;
        }

        try
        {
            return SqliteRecoveryReader.Open(DatabasePath, Options.CommandTimeout);
        }
        catch (SqliteException e)
        {
            throw new JournalUnavailableException($"Cannot read the SQLite journal '{DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>A reader whose recovery failed or was cancelled (possibly mid-statement) is dropped, not reused.</summary>
    private void ReturnReader(SqliteRecoveryReader reader, bool reusable)
    {
        if (!reusable)
        {
            reader.Dispose();
            return;
        }

        _readers.Add(reader);

        // Disposal may have drained the bag just before the add.
        if (_disposed)
        {
            DisposeIdleReaders();
        }
    }

    private void DisposeIdleReaders()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private static bool IsUniqueViolation(SqliteException e) => e.SqliteExtendedErrorCode is UniqueConstraintFailed or PrimaryKeyConstraintFailed;

    private RawWriter OpenWriter()
    {
        var connection = Open(_writerConnectionString, withPragmas: true);
        try
        {
            return new RawWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await Task.FromResult(Open(_connectionString, withPragmas: true));
    }

    private SqliteConnection Open(string connectionString, bool withPragmas)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (!withPragmas)
            {
                return connection;
            }

            using var pragmas = connection.CreateCommand();
            var synchronous = Options.SqliteDurability == SqliteDurability.Full ? "FULL" : "NORMAL";
            pragmas.CommandText =
                $"PRAGMA busy_timeout = {(long)Options.CommandTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous};";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new JournalUnavailableException($"Cannot open the SQLite journal '{DatabasePath}': {e.Message}", e);
        }
    }
}
