using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// Batched recovery. When thousands of actors start at once, one round trip of two statements per actor kept the
/// server busier than our process (parse/bind/execute and a network exchange per actor). Recoveries are queued
/// instead; a reader takes whatever is queued when it is free (up to <see cref="MaxRecoveryBatch"/>; it never waits
/// to fill a batch) and reads the snapshots and events of all of them with one round trip of two statements, then
/// hands each actor its own snapshot and events in order. A lone recovery (e.g. one large id) runs the single-id
/// query of <see cref="SqlJournal"/>, so nothing changes for it.
/// </summary>
public sealed partial class PostgreSqlJournal
{
    /// <summary>Ids per batch: large enough to amortize the round trip, small enough that one batch's rows stay modest.</summary>
    private const int MaxRecoveryBatch = 256;

    /// <summary>Batches read at once: while one reader waits for the server, the other hands out rows.</summary>
    private const int RecoveryReaders = 2;

    private readonly Channel<RecoveryRequest> _recoveries = Channel.CreateUnbounded<RecoveryRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _recoveryLoop;

    public override Task<long> RecoverAsync(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellationToken = default)
    {
        ValidateRecoveryArguments(persistenceId, criteria, chunkSize, onSnapshot, onChunk);
        var request = new RecoveryRequest(persistenceId, criteria, chunkSize, onSnapshot, onChunk, cancellationToken);
        if (!_recoveries.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlJournal));
        }

        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task StopRecoveriesAsync()
    {
        _recoveries.Writer.TryComplete();
        try
        {
            await _recoveryLoop.WaitAsync(Options.CommandTimeout + Options.ConnectTimeout);
        }
        catch (TimeoutException)
        {
            Logger.LogWarning("Journal recoveries did not finish within the command timeout.");
        }
    }

    private async Task RecoveryLoopAsync()
    {
        var readers = new SemaphoreSlim(RecoveryReaders);
        while (await _recoveries.Reader.WaitToReadAsync())
        {
            await readers.WaitAsync();

            // Whatever queued up while every reader was busy forms the next batch; no waiting to fill it.
            var batch = new List<RecoveryRequest>();
            while (batch.Count < MaxRecoveryBatch && _recoveries.Reader.TryRead(out var request))
            {
                if (request.Cancellation.IsCancellationRequested)
                {
                    request.Completion.TrySetCanceled(request.Cancellation);
                }
                else
                {
                    batch.Add(request);
                }
            }

            if (batch.Count == 0)
            {
                readers.Release();
                continue;
            }

            _ = RecoverBatchAsync(batch).ContinueWith(_ => readers.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        for (var i = 0; i < RecoveryReaders; i++)
        {
            await readers.WaitAsync();
        }
    }

    private async Task RecoverBatchAsync(List<RecoveryRequest> batch)
    {
        // The batch reads each id once; a second recovery of an id already in it (rare: two incarnations at once)
        // runs on its own, as does a lone recovery.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<RecoveryRequest>(batch.Count);
        var alone = new List<Task>();
        foreach (var request in batch)
        {
            if (seen.Add(request.PersistenceId))
            {
                unique.Add(request);
            }
            else
            {
                alone.Add(RecoverAloneAsync(request));
            }
        }

        if (unique.Count == 1)
        {
            alone.Add(RecoverAloneAsync(unique[0]));
        }
        else
        {
            try
            {
                await EnsureInitializedAsync(CancellationToken.None);
                await ReadBatchAsync(unique);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "Journal recovery of {Count} persistence ids failed", unique.Count);

                // Only the recoveries still reading fail; those already handed all their events complete normally.
                foreach (var request in unique.Where(r => !r.Finished))
                {
                    request.Completion.TrySetException(e);
                }
            }
        }

        await Task.WhenAll(alone);
    }

    private async Task RecoverAloneAsync(RecoveryRequest request)
    {
        try
        {
            var highest = await base.RecoverAsync(request.PersistenceId, request.Criteria, request.ChunkSize, request.OnSnapshot, request.OnChunk, request.Cancellation);
            request.Completion.TrySetResult(highest);
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
    }

    private async Task ReadBatchAsync(List<RecoveryRequest> batch)
    {
        var pids = new string[batch.Count];
        var maxSeqs = new long[batch.Count];
        var minSeqs = new long[batch.Count];
        var maxTimestamps = new long[batch.Count];
        var minTimestamps = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var criteria = batch[i].Criteria;
            pids[i] = batch[i].PersistenceId;
            maxSeqs[i] = criteria.MaxSequenceNr;
            minSeqs[i] = criteria.MinSequenceNr;
            maxTimestamps[i] = criteria.MaxTimestamp;
            minTimestamps[i] = criteria.MinTimestamp;
        }

        // Each id's criteria travel with it; "i" (its place in the batch) names the recovery a row belongs to.
        // A criteria with MaxSequenceNr <= 0 asks for no snapshot. The events come from an index scan per id
        // (OFFSET 0 keeps the planner from turning the lateral subquery into a join that could scan the table).
        const string Criteria = "unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) WITH ORDINALITY AS c(pid, max_seq, min_seq, max_ts, min_ts, i)";
        var matches = "s.persistence_id = c.pid AND c.max_seq > 0 AND s.sequence_number <= c.max_seq AND s.sequence_number >= c.min_seq AND s.created <= c.max_ts AND s.created >= c.min_ts";
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(WithCriteria(
            $"""
            SELECT c.i, l.sequence_number, l.created, l.snapshot, l.manifest FROM {Criteria}
            CROSS JOIN LATERAL (
              SELECT s.sequence_number, s.created, s.snapshot, s.manifest FROM {SnapshotTable} s WHERE {matches}
              ORDER BY s.sequence_number DESC LIMIT 1) l
            """,
            pids,
            maxSeqs,
            minSeqs,
            maxTimestamps,
            minTimestamps));
        command.BatchCommands.Add(WithCriteria(
            $"""
            SELECT c.i, e.sequence_number, e.created, e.message, e.manifest, e.writer_uuid FROM {Criteria}
            CROSS JOIN LATERAL (
              SELECT j.sequence_number, j.created, CASE WHEN j.deleted THEN NULL ELSE j.message END AS message, j.manifest, j.writer_uuid
              FROM {JournalTable} j
              WHERE j.persistence_id = c.pid
                AND j.sequence_number > COALESCE((SELECT MAX(s.sequence_number) FROM {SnapshotTable} s WHERE {matches}), 0)
              ORDER BY j.sequence_number OFFSET 0) e
            ORDER BY c.i, e.sequence_number
            """,
            pids,
            maxSeqs,
            minSeqs,
            maxTimestamps,
            minTimestamps));
        await using var reader = await command.ExecuteReaderAsync();

        var snapshots = new SelectedSnapshot?[batch.Count];
        while (await reader.ReadAsync())
        {
            var request = batch[(int)reader.GetInt64(0) - 1];
            var sequenceNr = reader.GetInt64(1);
            request.Highest = sequenceNr;
            try
            {
                var state = Serializer.Deserialize(reader.GetString(4), reader.GetFieldValue<byte[]>(3), request.PersistenceId, sequenceNr);
                snapshots[(int)reader.GetInt64(0) - 1] = new SelectedSnapshot(new SnapshotMetadata(request.PersistenceId, sequenceNr, reader.GetInt64(2)), state);
            }
            catch (Exception e)
            {
                request.Fail(e);
            }
        }

        // Every actor hears of its snapshot (or of none) before any of its events.
        for (var i = 0; i < batch.Count; i++)
        {
            if (!batch[i].Failed)
            {
                try
                {
                    batch[i].Tail = batch[i].OnSnapshot(snapshots[i]).AsTask();
                }
                catch (Exception e)
                {
                    batch[i].Fail(e);
                }
            }
        }

        if (!await reader.NextResultAsync())
        {
            throw new InvalidOperationException("The batched recovery query returned no event result set.");
        }

        RecoveryRequest? current = null;
        var raw = new List<RawEvent>();
        while (await reader.ReadAsync())
        {
            var request = batch[(int)reader.GetInt64(0) - 1];
            if (!ReferenceEquals(request, current))
            {
                if (current is not null)
                {
                    Finish(current, raw);
                }

                current = request;
                raw = new List<RawEvent>(InitialChunkCapacity(request.ChunkSize));
            }

            var sequenceNr = reader.GetInt64(1);
            request.Highest = sequenceNr;

            // Deleted rows (NULL message) count for the highest sequence number only.
            if (request.Failed || reader.IsDBNull(3))
            {
                continue;
            }

            raw.Add(new RawEvent(sequenceNr, reader.GetInt64(2), reader.GetFieldValue<byte[]>(3), reader.GetString(4), reader.GetString(5)));
            if (raw.Count == request.ChunkSize)
            {
                // Like the single-id replay: at most one chunk delivering and one deserializing per actor, so a
                // slow actor holds back the reading instead of letting its events pile up in memory.
                await request.Tail.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                Deliver(request, raw);
                raw = new List<RawEvent>(request.ChunkSize);
            }
        }

        if (current is not null)
        {
            Finish(current, raw);
        }

        // Ids without events after their snapshot (new ids, fully snapshotted ones) had no row.
        foreach (var request in batch.Where(r => !r.Finished))
        {
            Finish(request, []);
        }
    }

    /// <summary>
    /// Deserializes a chunk on a pool thread and hands it to the actor after its previous chunk: the reader goes on
    /// with the next rows meanwhile, and each actor still sees its events in order.
    /// </summary>
    private void Deliver(RecoveryRequest request, List<RawEvent> raw)
    {
        if (request.Failed)
        {
            return;
        }

        var persistenceId = request.PersistenceId;
        var deserializing = Task.Run(() => Deserialize(persistenceId, raw));
        request.Tail = DeliverAfterAsync(request.Tail, deserializing, request.OnChunk);

        static async Task DeliverAfterAsync(Task previous, Task<List<PersistentRepresentation>> deserializing, Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk)
        {
            await previous;
            await onChunk(await deserializing);
        }
    }

    private void Finish(RecoveryRequest request, List<RawEvent> raw)
    {
        if (raw.Count > 0)
        {
            Deliver(request, raw);
        }

        request.Finished = true;
        _ = CompleteAsync(request);

        static async Task CompleteAsync(RecoveryRequest request)
        {
            try
            {
                await request.Tail;
                request.Completion.TrySetResult(request.Highest);
            }
            catch (Exception e)
            {
                request.Completion.TrySetException(e);
            }
        }
    }

    private static NpgsqlBatchCommand WithCriteria(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }

    private sealed class RecoveryRequest(
        string persistenceId,
        SnapshotSelectionCriteria criteria,
        int chunkSize,
        Func<SelectedSnapshot?, ValueTask> onSnapshot,
        Func<IReadOnlyList<PersistentRepresentation>, ValueTask> onChunk,
        CancellationToken cancellation)
    {
        public string PersistenceId { get; } = persistenceId;

        public SnapshotSelectionCriteria Criteria { get; } = criteria;

        public int ChunkSize { get; } = chunkSize;

        public Func<SelectedSnapshot?, ValueTask> OnSnapshot { get; } = onSnapshot;

        public Func<IReadOnlyList<PersistentRepresentation>, ValueTask> OnChunk { get; } = onChunk;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The snapshot's sequence number, then each later row's (deleted ones included): the highest at the end.</summary>
        public long Highest { get; set; }

        /// <summary>The last handing-over to the actor (snapshot offer or chunk); the next one waits for it.</summary>
        public Task Tail { get; set; } = Task.CompletedTask;

        /// <summary>Every event was read and handed over (the completion follows the last delivery).</summary>
        public bool Finished { get; set; }

        /// <summary>A snapshot that cannot be read, a chunk that cannot be deserialized or an actor that stopped: its further rows are skipped.</summary>
        public bool Failed => Tail.IsFaulted || Tail.IsCanceled;

        public void Fail(Exception cause) => Tail = Task.FromException(cause);
    }
}
