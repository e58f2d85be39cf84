using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TradingActors.Persistence.Query;

namespace TradingActors.Persistence.Sql;

public abstract partial class SqlJournal
{
    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(
        string persistenceId,
        long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in ReadByPersistenceIdAsync(persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue, cancellationToken))
        {
            yield return new EventEnvelope(row.Ordering, persistenceId, row.SequenceNr, row.Event, row.Timestamp);
        }
    }

    public async IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(
        string persistenceId,
        long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = fromSequenceNr;
        while (next <= toSequenceNr)
        {
            var read = 0;
            await foreach (var row in ReadByPersistenceIdAsync(persistenceId, next, toSequenceNr, Options.ReadBatchSize, cancellationToken))
            {
                read++;
                next = row.SequenceNr + 1;
                yield return new EventEnvelope(row.Ordering, persistenceId, row.SequenceNr, row.Event, row.Timestamp);
            }

            if (read < Options.ReadBatchSize && next <= toSequenceNr)
            {
                await Task.Delay(Options.QueryRefreshInterval, Options.TimeProvider, cancellationToken);
            }
        }
    }

    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(
        string tag,
        long offset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        long upper;
        await using (var connection = await OpenConnectionAsync(cancellationToken))
        await using (var command = Command(connection, $"SELECT MAX(ordering) FROM {JournalTable}"))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            upper = value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var after = offset;
        while (after < upper)
        {
            var rows = await ReadTaggedAsync(tag, after, upper, cancellationToken);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < Options.ReadBatchSize)
            {
                yield break;
            }

            after = rows[^1].Offset;
        }
    }

    public async IAsyncEnumerable<EventEnvelope> EventsByTag(
        string tag,
        long offset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        var gaps = new GapTracker(offset);
        var after = offset;
        while (true)
        {
            await AdvanceGapFreeAsync(gaps, cancellationToken);
            var full = false;
            if (gaps.GapFree > after)
            {
                var rows = await ReadTaggedAsync(tag, after, gaps.GapFree, cancellationToken);
                foreach (var row in rows)
                {
                    yield return row;
                }

                full = rows.Count == Options.ReadBatchSize;
                after = full ? rows[^1].Offset : gaps.GapFree;
            }

            if (!full && !gaps.MoreAvailable)
            {
                await Task.Delay(Options.QueryRefreshInterval, Options.TimeProvider, cancellationToken);
            }
        }
    }

    internal async IAsyncEnumerable<JournalRow> ReadByPersistenceIdAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            yield break;
        }

        await EnsureInitializedAsync(cancellationToken);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT ordering, sequence_number, created, message, manifest, writer_uuid FROM {JournalTable}
            WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to AND deleted = FALSE
            ORDER BY sequence_number LIMIT @max
            """,
            ("pid", persistenceId),
            ("from", fromSequenceNr),
            ("to", toSequenceNr),
            ("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequenceNr = reader.GetInt64(1);
            var manifest = reader.GetString(4);
            var payload = Serializer.Deserialize(manifest, reader.GetFieldValue<byte[]>(3), persistenceId, sequenceNr);
            yield return new JournalRow(reader.GetInt64(0), sequenceNr, reader.GetInt64(2), payload, reader.GetString(5));
        }
    }

    private async Task<List<EventEnvelope>> ReadTaggedAsync(string tag, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT j.ordering, j.persistence_id, j.sequence_number, j.created, j.message, j.manifest
            FROM {TagsTable} t JOIN {JournalTable} j ON j.ordering = t.ordering_id
            WHERE t.tag = @tag AND t.ordering_id > @after AND t.ordering_id <= @upTo AND j.deleted = FALSE
            ORDER BY t.ordering_id LIMIT @max
            """,
            ("tag", tag),
            ("after", after),
            ("upTo", upTo),
            ("max", (long)Options.ReadBatchSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<EventEnvelope>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var persistenceId = reader.GetString(1);
            var sequenceNr = reader.GetInt64(2);
            var payload = Serializer.Deserialize(reader.GetString(5), reader.GetFieldValue<byte[]>(4), persistenceId, sequenceNr);
            rows.Add(new EventEnvelope(reader.GetInt64(0), persistenceId, sequenceNr, payload, reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>
    /// Moves <see cref="GapTracker.GapFree"/> over every ordering that is committed. A missing ordering may
    /// belong to a transaction still in flight (its events would otherwise be skipped for good), so it
    /// holds the query back until it appears or the gap timeout passes (a rolled-back insert leaves a
    /// permanent hole).
    /// </summary>
    private async Task AdvanceGapFreeAsync(GapTracker gaps, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"SELECT ordering FROM {JournalTable} WHERE ordering > @after ORDER BY ordering LIMIT @max",
            ("after", gaps.GapFree),
            ("max", (long)Options.ReadBatchSize));
        var orderings = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                orderings.Add(reader.GetInt64(0));
            }
        }

        gaps.MoreAvailable = false;
        var now = Options.TimeProvider.GetUtcNow();
        foreach (var ordering in orderings)
        {
            if (ordering == gaps.GapFree + 1)
            {
                gaps.GapFree = ordering;
                continue;
            }

            var missing = gaps.GapFree + 1;
            if (gaps.PendingGap != missing)
            {
                gaps.PendingGap = missing;
                gaps.PendingSince = now;
                return;
            }

            if (now - gaps.PendingSince < Options.GapTimeout)
            {
                return;
            }

            Logger.LogInformation(
                "Orderings {From}..{To} did not appear within {Timeout}; treating the gap as permanent", missing, ordering - 1, Options.GapTimeout);
            gaps.GapFree = ordering;
        }

        gaps.MoreAvailable = orderings.Count == Options.ReadBatchSize;
    }

    internal sealed record JournalRow(long Ordering, long SequenceNr, long Timestamp, object Event, string WriterUuid);

    private sealed class GapTracker(long gapFree)
    {
        public long GapFree { get; set; } = gapFree;

        public long PendingGap { get; set; } = -1;

        public DateTimeOffset PendingSince { get; set; }

        public bool MoreAvailable { get; set; }
    }
}
