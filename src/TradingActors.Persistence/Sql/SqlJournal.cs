using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Query;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// The SQL journal, snapshot store and queries shared by the backends. Writes go through one writer
/// loop: callers enqueue atomic writes, the writer drains up to <see cref="JournalOptions.BatchSize"/>
/// of them into one transaction (group commit) and acknowledges each only after the commit returned,
/// so an acknowledged event is durable to the backend's guarantee. A unique-key conflict of one write
/// (a second writer for a persistence id) fails only that write.
/// </summary>
public abstract partial class SqlJournal : IJournal, ISnapshotStore, IEventQueries, IRecoveryReader
{
    private readonly Channel<PendingWrite> _writes;
    private readonly Task _writer;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private volatile bool _initialized;

    protected SqlJournal(JournalOptions options, EventSerializer serializer, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        options.Validate();
        Options = options;
        Serializer = serializer;
        Logger = logger ?? NullLogger.Instance;
        _writes = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.BufferSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriterLoopAsync);
    }

    protected JournalOptions Options { get; }

    protected EventSerializer Serializer { get; }

    protected ILogger Logger { get; }

    /// <summary>Table names, schema-qualified where the backend has schemas.</summary>
    protected abstract string JournalTable { get; }

    protected abstract string TagsTable { get; }

    protected abstract string SnapshotTable { get; }

    /// <summary>Opens a connection, failing with <see cref="JournalUnavailableException"/> within the connect timeout.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A connection for statements that change data outside the writer loop (deletes, snapshots).</summary>
    protected virtual Task<DbConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken) => OpenConnectionAsync(cancellationToken);

    /// <summary>Creates the tables and checks the schema version on first use.</summary>
    protected abstract Task InitializeSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits groups of atomic writes (a group: one writer's writes, kept together) in one transaction.
    /// Returns one entry per group: null when committed, an exception when that group alone failed and
    /// was rolled back (e.g. <see cref="ConcurrentWriteException"/>). Throws when the whole batch failed or
    /// its outcome is unknown.
    /// </summary>
    internal abstract Task<Exception?[]> WriteBatchAsync(IReadOnlyList<IReadOnlyList<SerializedEvent[]>> groups, CancellationToken cancellationToken);

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        var results = new Exception?[writes.Count];
        var rows = new List<SerializedEvent[]>(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                rows.Add(Serialize(writes[i]));
            }
            catch (PersistenceRejectedException e)
            {
                results[i] = e;
            }
        }

        if (rows.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Exception?>>(results);
        }

        var pending = new PendingWrite(rows, results);
        if (!_writes.Writer.TryWrite(pending))
        {
            return EnqueueSlowAsync(pending, _writes.Writer, cancellationToken);
        }

        return pending.Completion.Task;
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT MAX(sequence_number) FROM {JournalTable} WHERE persistence_id = @pid", ("pid", persistenceId));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenWriteConnectionAsync(cancellationToken);

        // Deletes are logical: the rows stay (so the highest sequence number and the global ordering
        // keep no holes) but are no longer replayed or queried.
        await using var command = Command(
            connection,
            $"UPDATE {JournalTable} SET deleted = TRUE WHERE persistence_id = @pid AND sequence_number <= @to AND deleted = FALSE",
            ("pid", persistenceId),
            ("to", toSequenceNr));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in ReadByPersistenceIdAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken))
        {
            yield return new PersistentRepresentation(persistenceId, row.SequenceNr, row.Event, row.WriterUuid, row.Timestamp);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        _writes.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(Options.CommandTimeout + Options.ConnectTimeout);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("The journal writer did not finish within the command timeout; pending writes fail.");
        }

        await _disposing.CancelAsync();
        await DisposeCoreAsync();
        _disposing.Dispose();
        _initLock.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    protected async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await InitializeSchemaAsync(cancellationToken);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    protected static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static ConcurrentWriteException Conflict(IReadOnlyList<SerializedEvent[]> group, Exception cause)
    {
        var first = group[0][0];
        var last = group[^1][^1];
        return new ConcurrentWriteException(
            $"Sequence numbers {first.SequenceNr}..{last.SequenceNr} of persistence id '{first.PersistenceId}' are already taken (a second writer?); nothing of this write was stored.",
            cause);
    }

    private SerializedEvent[] Serialize(AtomicWrite write)
    {
        var now = Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = new SerializedEvent[write.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = write.Events[i];
            var payload = e.Payload;
            var tags = e.Tags is { Count: > 0 } ? e.Tags.Distinct(StringComparer.Ordinal).ToArray() : [];
            if (payload is Tagged tagged)
            {
                payload = tagged.Payload;
                tags = tags.Concat(tagged.Tags).Distinct(StringComparer.Ordinal).ToArray();
            }

            var (bytes, manifest) = Serializer.Serialize(payload);
            rows[i] = new SerializedEvent(e.PersistenceId, e.SequenceNr, now, bytes, manifest, e.WriterUuid, tags);
        }

        return rows;
    }

    private static async Task<IReadOnlyList<Exception?>> EnqueueSlowAsync(PendingWrite pending, ChannelWriter<PendingWrite> writer, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException e)
        {
            throw new ObjectDisposedException("The journal is disposed.", e);
        }

        return await pending.Completion.Task;
    }

    /// <summary>Batches committed concurrently (each on its own connection); 1 keeps commits in ordering order.</summary>
    protected virtual int ConcurrentBatches => 1;

    private async Task WriterLoopAsync()
    {
        var slots = new SemaphoreSlim(ConcurrentBatches);
        while (await _writes.Reader.WaitToReadAsync())
        {
            // While every slot is busy, writes pile up in the channel and form the next (larger) batch.
            await slots.WaitAsync();
            var batch = new List<PendingWrite>();
            var groups = new List<IReadOnlyList<SerializedEvent[]>>();
            var writes = 0;
            while (writes < Options.BatchSize && _writes.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                groups.Add(pending.Rows);
                writes += pending.Rows.Count;
            }

            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }

            var commit = CommitAsync(batch, groups, writes);
            if (ConcurrentBatches == 1)
            {
                await commit;
                slots.Release();
            }
            else
            {
                _ = commit.ContinueWith(_ => slots.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        for (var i = 0; i < ConcurrentBatches; i++)
        {
            await slots.WaitAsync();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<IReadOnlyList<SerializedEvent[]>> groups, int writes)
    {
        Exception?[]? results = null;
        Exception? failure = null;
        try
        {
            await EnsureInitializedAsync(CancellationToken.None);
            results = await WriteBatchAsync(groups, CancellationToken.None);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Journal batch of {Count} writes failed", writes);
            failure = e;
        }

        // One pool work item completes the whole batch (continuations run inline there, one after another):
        // the writer goes straight on to the next batch, and no write pays its own thread hop.
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var (batch, results, failure) = state;
                for (var i = 0; i < batch.Count; i++)
                {
                    if ((failure ?? results![i]) is { } error)
                    {
                        batch[i].Completion.TrySetException(error);
                    }
                    else
                    {
                        batch[i].Completion.TrySetResult(batch[i].Results);
                    }
                }
            },
            (batch, results, failure),
            preferLocal: false);
    }

    private sealed class PendingWrite(List<SerializedEvent[]> rows, Exception?[] results)
    {
        public List<SerializedEvent[]> Rows { get; } = rows;

        public Exception?[] Results { get; } = results;

        public TaskCompletionSource<IReadOnlyList<Exception?>> Completion { get; } = new();
    }
}
