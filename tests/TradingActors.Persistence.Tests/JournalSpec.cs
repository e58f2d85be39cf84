using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Snapshot;
using TradingActors.Persistence.Sql;

namespace TradingActors.Persistence.Tests;

/// <summary>The journal specification every backend passes.</summary>
public abstract class JournalSpec : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly List<SqlJournal> _journals = [];
    private SqlJournal? _journal;

    protected SqlJournal Journal => _journal ?? throw new InvalidOperationException("Not initialized.");

    protected static JournalOptions FastOptions(JournalOptions options) => options with
    {
        QueryRefreshInterval = TimeSpan.FromMilliseconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    public virtual Task InitializeAsync()
    {
        _journal = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var journal in _journals)
        {
            await journal.DisposeAsync();
        }

        await DisposeStorageAsync();
    }

    [Fact]
    public async Task Events_are_replayed_in_sequence_order()
    {
        await Journal.WriteAsync(Write("p-1", 1, new Incremented(1), new Incremented(2)));
        await Journal.WriteAsync(Write("p-1", 3, new Noted("three")));

        var replayed = await Replay(Journal, "p-1");

        Assert.Equal([1L, 2L, 3L], replayed.Select(e => e.SequenceNr));
        Assert.Equal([new Incremented(1), new Incremented(2), new Noted("three")], replayed.Select(e => e.Payload));
        Assert.All(replayed, e => Assert.Equal("writer-1", e.WriterUuid));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("p-1"));
    }

    [Fact]
    public async Task A_new_persistence_id_has_highest_sequence_number_zero_and_no_events()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync("nobody"));
        Assert.Empty(await Replay(Journal, "nobody"));
    }

    [Fact]
    public async Task An_atomic_write_is_all_or_nothing()
    {
        await Journal.WriteAsync(new AtomicWrite([new PersistentRepresentation("p-atomic", 2, new Noted("other writer"), "writer-2")]));

        await Assert.ThrowsAsync<ConcurrentWriteException>(
            () => Journal.WriteAsync(Write("p-atomic", 1, new Incremented(1), new Incremented(2), new Incremented(3))));

        var replayed = await Replay(Journal, "p-atomic");
        Assert.Equal([2L], replayed.Select(e => e.SequenceNr));
        Assert.Equal("writer-2", replayed[0].WriterUuid);
    }

    [Fact]
    public async Task A_failed_group_of_writes_stores_none_of_them()
    {
        await Journal.WriteAsync(new AtomicWrite([new PersistentRepresentation("p-group", 3, new Noted("other writer"), "writer-2")]));

        await Assert.ThrowsAsync<ConcurrentWriteException>(
            () => Journal.WriteMessagesAsync([Write("p-group", 1, new Incremented(1), new Incremented(2)), Write("p-group", 3, new Incremented(3))]));

        Assert.Equal([3L], (await Replay(Journal, "p-group")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_rejected_write_in_a_group_does_not_stop_the_others()
    {
        var results = await Journal.WriteMessagesAsync(
            [Write("p-mixed", 1, new Incremented(1)), Write("p-mixed", 2, new Unregistered(2)), Write("p-mixed", 3, new Incremented(3))]);

        Assert.Null(results[0]);
        Assert.IsType<PersistenceRejectedException>(results[1]);
        Assert.Null(results[2]);
        Assert.Equal([1L, 3L], (await Replay(Journal, "p-mixed")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Highest_sequence_number_never_decreases_after_deletes()
    {
        await Journal.WriteAsync(Write("p-del", 1, new Incremented(1), new Incremented(2), new Incremented(3)));

        await Journal.DeleteMessagesToAsync("p-del", 2);
        Assert.Equal([3L], (await Replay(Journal, "p-del")).Select(e => e.SequenceNr));
        await Journal.DeleteMessagesToAsync("p-del", 3);

        Assert.Empty(await Replay(Journal, "p-del"));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync("p-del"));
        await Journal.WriteAsync(Write("p-del", 4, new Incremented(4)));
        Assert.Equal([4L], (await Replay(Journal, "p-del")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Recovery_replay_delivers_chunks_and_the_highest_sequence_number_including_deleted_events()
    {
        await Journal.WriteAsync(Write("p-recover", 1, Enumerable.Range(1, 5).Select(i => (object)new Incremented(i)).ToArray()));
        await Journal.DeleteMessagesToAsync("p-recover", 5);
        var chunks = new List<List<long>>();

        var highestAfterDelete = await Journal.ReplayForRecoveryAsync("p-recover", 1, 2, c => Collect(chunks, c));
        await Journal.WriteAsync(Write("p-recover", 6, Enumerable.Range(6, 5).Select(i => (object)new Incremented(i)).ToArray()));
        await Journal.DeleteMessagesToAsync("p-recover", 7);
        var highest = await Journal.ReplayForRecoveryAsync("p-recover", 1, 2, c => Collect(chunks, c));
        var fromSnapshot = await Journal.ReplayForRecoveryAsync("p-recover", 11, 2, c => Collect(chunks, c));

        Assert.Equal(5, highestAfterDelete);
        Assert.Equal(10, highest);
        Assert.Equal(0, fromSnapshot);
        Assert.Equal([[8L, 9L], [10L]], chunks);

        static ValueTask Collect(List<List<long>> chunks, IReadOnlyList<PersistentRepresentation> chunk)
        {
            chunks.Add(chunk.Select(e => e.SequenceNr).ToList());
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Combined_recovery_offers_the_latest_matching_snapshot_and_the_events_after_it()
    {
        await Journal.WriteAsync(Write("p-combined", 1, Enumerable.Range(1, 6).Select(i => (object)new Incremented(i)).ToArray()));
        await Journal.SaveAsync(new SnapshotMetadata("p-combined", 2, 1000), new CounterState(3, []));
        await Journal.SaveAsync(new SnapshotMetadata("p-combined", 4, 2000), new CounterState(10, []));
        await Journal.DeleteMessagesToAsync("p-combined", 6);
        await Journal.WriteAsync(Write("p-combined", 7, new Incremented(7)));

        var latest = await Recover(SnapshotSelectionCriteria.Latest);
        var upTo3 = await Recover(new SnapshotSelectionCriteria(3));
        var none = await Recover(SnapshotSelectionCriteria.None);
        var fresh = await Recover(SnapshotSelectionCriteria.Latest, "p-fresh");

        Assert.Equal("snapshot 4, events [7], highest 7", latest);
        Assert.Equal("snapshot 2, events [7], highest 7", upTo3);
        Assert.Equal("snapshot none, events [7], highest 7", none);
        Assert.Equal("snapshot none, events [], highest 0", fresh);

        async Task<string> Recover(SnapshotSelectionCriteria criteria, string id = "p-combined")
        {
            long snapshot = -1;
            var events = new List<long>();
            var highest = await Journal.RecoverAsync(
                id,
                criteria,
                10,
                s =>
                {
                    snapshot = s?.Metadata.SequenceNr ?? -1;
                    return ValueTask.CompletedTask;
                },
                chunk =>
                {
                    events.AddRange(chunk.Select(e => e.SequenceNr));
                    return ValueTask.CompletedTask;
                });
            return $"snapshot {(snapshot < 0 ? "none" : snapshot.ToString(System.Globalization.CultureInfo.InvariantCulture))}, events [{string.Join(",", events)}], highest {highest}";
        }
    }

    [Fact]
    public async Task Recovery_with_a_bad_argument_is_refused_naming_the_argument()
    {
        static ValueTask Ignore<T>(T _) => ValueTask.CompletedTask;

        var noId = await Assert.ThrowsAsync<ArgumentNullException>(
            () => Journal.RecoverAsync(null!, SnapshotSelectionCriteria.Latest, 10, Ignore, Ignore));
        var noChunks = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Journal.RecoverAsync("p-bad-args", SnapshotSelectionCriteria.Latest, 0, Ignore, Ignore));
        var noReplayChunks = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Journal.ReplayForRecoveryAsync("p-bad-args", 1, 0, Ignore));

        Assert.Equal("persistenceId", noId.ParamName);
        Assert.Equal("chunkSize", noChunks.ParamName);
        Assert.Equal("chunkSize", noReplayChunks.ParamName);
    }

    [Fact]
    public async Task Replay_honours_inclusive_bounds_and_the_maximum()
    {
        for (var i = 1; i <= 10; i++)
        {
            await Journal.WriteAsync(Write("p-bounds", i, new Incremented(i)));
        }

        Assert.Equal([3L, 4L, 5L], (await Replay(Journal, "p-bounds", 3, 5)).Select(e => e.SequenceNr));
        Assert.Equal([3L, 4L], (await Replay(Journal, "p-bounds", 3, 10, 2)).Select(e => e.SequenceNr));
        Assert.Equal([10L], (await Replay(Journal, "p-bounds", 10, long.MaxValue)).Select(e => e.SequenceNr));
        Assert.Empty(await Replay(Journal, "p-bounds", 11, long.MaxValue));
        Assert.Empty(await Replay(Journal, "p-bounds", 1, 10, 0));
    }

    [Fact]
    public async Task Current_tag_query_returns_tagged_events_after_the_exclusive_offset()
    {
        await Journal.WriteAsync(Write("p-tag-a", 1, new Tagged(new Incremented(1), "orders"), new Incremented(2)));
        await Journal.WriteAsync(Write("p-tag-b", 1, new Tagged(new Noted("b1"), "orders", "alerts")));
        await Journal.WriteAsync(Write("p-tag-a", 3, new Tagged(new Incremented(3), "orders")));

        var all = await Collect(Journal.CurrentEventsByTag("orders"));
        var afterFirst = await Collect(Journal.CurrentEventsByTag("orders", all[0].Offset));
        var alerts = await Collect(Journal.CurrentEventsByTag("alerts"));

        Assert.Equal([new Incremented(1), new Noted("b1"), new Incremented(3)], all.Select(e => e.Event));
        Assert.Equal(all.Select(e => e.Offset).Order(), all.Select(e => e.Offset));
        Assert.Equal(all.Skip(1), afterFirst);
        Assert.Equal([("p-tag-b", 1L)], alerts.Select(e => (e.PersistenceId, e.SequenceNr)));
        Assert.Empty(await Collect(Journal.CurrentEventsByTag("orders", all[^1].Offset)));
    }

    [Fact]
    public async Task Live_tag_query_delivers_events_written_after_it_started()
    {
        await Journal.WriteAsync(Write("p-live", 1, new Tagged(new Incremented(1), "live")));
        using var cancel = new CancellationTokenSource(Timeout);
        await using var query = Journal.EventsByTag("live", 0, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await query.MoveNextAsync());
        Assert.Equal(new Incremented(1), query.Current.Event);
        var first = query.Current.Offset;

        await Journal.WriteAsync(Write("p-other", 1, new Tagged(new Noted("not this tag"), "elsewhere")));
        await Journal.WriteAsync(Write("p-live", 2, new Tagged(new Incremented(2), "live")));

        Assert.True(await query.MoveNextAsync());
        Assert.Equal(new Incremented(2), query.Current.Event);
        Assert.True(query.Current.Offset > first);
    }

    [Fact]
    public async Task Live_persistence_id_query_delivers_new_events_and_ends_at_the_upper_bound()
    {
        await Journal.WriteAsync(Write("p-live-id", 1, new Incremented(1)));
        using var cancel = new CancellationTokenSource(Timeout);
        var collecting = Collect(Journal.EventsByPersistenceId("p-live-id", 1, 3, cancel.Token));

        await Journal.WriteAsync(Write("p-live-id", 2, new Incremented(2)));
        await Journal.WriteAsync(Write("p-live-id", 3, new Incremented(3), new Incremented(4)));

        var events = await collecting;
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Latest_snapshot_matching_the_criteria_is_selected()
    {
        await Journal.SaveAsync(new SnapshotMetadata("p-snap", 5, 1000), new CounterState(5, []));
        await Journal.SaveAsync(new SnapshotMetadata("p-snap", 10, 2000), new CounterState(10, ["x"]));
        await Journal.SaveAsync(new SnapshotMetadata("p-snap", 15, 3000), new CounterState(15, ["y"]));

        var latest = await Journal.LoadAsync("p-snap", SnapshotSelectionCriteria.Latest);
        var upTo12 = await Journal.LoadAsync("p-snap", new SnapshotSelectionCriteria(12));
        var beforeTime = await Journal.LoadAsync("p-snap", new SnapshotSelectionCriteria(long.MaxValue, MaxTimestamp: 1500));
        await Journal.DeleteAsync("p-snap", new SnapshotSelectionCriteria(12));
        var afterDelete = await Journal.LoadAsync("p-snap", new SnapshotSelectionCriteria(14));

        Assert.Equal(15, latest!.Metadata.SequenceNr);
        Assert.Equal(new CounterState(15, ["y"]).Total, ((CounterState)latest.Snapshot).Total);
        Assert.Equal(10, upTo12!.Metadata.SequenceNr);
        Assert.Equal(5, beforeTime!.Metadata.SequenceNr);
        Assert.Null(afterDelete);
        Assert.Null(await Journal.LoadAsync("nobody", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Second_writer_of_a_sequence_number_fails_without_failing_other_writes_in_its_batch()
    {
        var first = Journal.WriteAsync(new AtomicWrite([new PersistentRepresentation("p-race", 1, new Noted("first"), "writer-1")]));
        var second = Journal.WriteAsync(new AtomicWrite([new PersistentRepresentation("p-race", 1, new Noted("second"), "writer-2")]));
        var bystander = Journal.WriteAsync(Write("p-bystander", 1, new Incremented(1)));

        await first;
        await Assert.ThrowsAsync<ConcurrentWriteException>(() => second);
        await bystander;

        var replayed = await Replay(Journal, "p-race");
        Assert.Equal([new Noted("first")], replayed.Select(e => e.Payload));
        Assert.Single(await Replay(Journal, "p-bystander"));
    }

    [Fact]
    public async Task Unserializable_event_is_rejected_and_the_writer_goes_on()
    {
        var rejected = await Assert.ThrowsAsync<PersistenceRejectedException>(
            () => Journal.WriteAsync(Write("p-reject", 1, new Unregistered(1))));
        await Journal.WriteAsync(Write("p-reject", 1, new Incremented(1)));

        Assert.Contains(nameof(Unregistered), rejected.Message, StringComparison.Ordinal);
        Assert.Equal([1L], (await Replay(Journal, "p-reject")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Unknown_manifest_on_replay_names_the_persistence_id_and_sequence_number()
    {
        await Journal.WriteAsync(Write("p-unknown", 1, new Incremented(1), new Noted("from a newer version")));
        var older = Open(serializer: new EventSerializer().Register<Incremented>("test.incremented.v1"));

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => Replay(older, "p-unknown"));

        Assert.Equal("p-unknown", error.PersistenceId);
        Assert.Equal(2, error.SequenceNr);
        Assert.Contains("test.noted.v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_row_is_a_clear_error_not_a_hang()
    {
        await Journal.WriteAsync(Write("p-corrupt", 1, new Incremented(1), new Incremented(2)));
        await CorruptMessageAsync("p-corrupt", 2);

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => Replay(Journal, "p-corrupt"));

        Assert.Equal(2, error.SequenceNr);
        Assert.Contains("p-corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_that_failed_on_a_malformed_row_leaves_later_recoveries_whole()
    {
        await Journal.WriteAsync(Write("p-bad", 1, new Incremented(1), new Incremented(2), new Incremented(3)));
        await Journal.WriteAsync(Write("p-good", 1, new Incremented(1), new Incremented(2), new Incremented(3)));
        await CorruptMessageAsync("p-bad", 2);

        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => RecoverAll("p-bad"));
        var good = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RecoverAll("p-good")));

        Assert.Equal(2, error.SequenceNr);
        Assert.All(good, g => Assert.Equal("events [1,2,3], highest 3", g));

        async Task<string> RecoverAll(string id)
        {
            var events = new List<long>();
            var highest = await Journal.RecoverAsync(
                id,
                SnapshotSelectionCriteria.Latest,
                1,
                _ => ValueTask.CompletedTask,
                async chunk =>
                {
                    // Yield between chunks, so recoveries overlap and each holds its reader across awaits.
                    await Task.Yield();
                    events.AddRange(chunk.Select(e => e.SequenceNr));
                });
            return $"events [{string.Join(",", events)}], highest {highest}";
        }
    }

    [Fact]
    public async Task Many_recoveries_at_once_each_get_exactly_their_own_snapshot_and_events()
    {
        // Different lengths, snapshots, criteria and deletes per id, started together so that a journal that
        // batches recoveries reads them in one go; a malformed row fails only its own recovery.
        const int Ids = 40;
        var criteria = new[] { SnapshotSelectionCriteria.Latest, SnapshotSelectionCriteria.None, new SnapshotSelectionCriteria(1) };
        var expected = new List<string>();
        for (var i = 0; i < Ids; i++)
        {
            var id = $"p-at-once-{i}";
            var count = i % 5 * 3;
            if (count > 0)
            {
                await Journal.WriteAsync(Write(id, 1, Enumerable.Range(1, count).Select(n => (object)new Incremented(n)).ToArray()));
            }

            var snapshotted = i % 4 == 0 && count >= 2;
            if (snapshotted)
            {
                await Journal.SaveAsync(new SnapshotMetadata(id, 2, 1000), new CounterState(2, []));
            }

            var allDeleted = i % 6 == 5;
            if (allDeleted)
            {
                await Journal.DeleteMessagesToAsync(id, count);
            }

            var snapshot = snapshotted && i % 3 == 0 ? 2 : 0;
            var events = allDeleted ? [] : Enumerable.Range(snapshot + 1, Math.Max(0, count - snapshot));
            expected.Add($"{id}: snapshot {snapshot}, events [{string.Join(",", events)}], highest {count}");
        }

        await Journal.WriteAsync(Write("p-at-once-bad", 1, new Incremented(1), new Incremented(2), new Incremented(3)));
        await CorruptMessageAsync("p-at-once-bad", 2);

        var bad = Recover("p-at-once-bad", SnapshotSelectionCriteria.Latest);
        var recoveries = Enumerable.Range(0, Ids).Select(i => Recover($"p-at-once-{i}", criteria[i % 3])).ToList();
        var again = Recover("p-at-once-3", criteria[0]);
        var results = await Task.WhenAll(recoveries);

        Assert.Equal(expected, results);
        Assert.Equal("p-at-once-3: snapshot 0, events [1,2,3,4,5,6,7,8,9], highest 9", await again);
        var error = await Assert.ThrowsAsync<EventDeserializationException>(() => bad);
        Assert.Equal("p-at-once-bad", error.PersistenceId);

        async Task<string> Recover(string id, SnapshotSelectionCriteria selection)
        {
            long snapshot = 0;
            var events = new List<long>();
            var highest = await Journal.RecoverAsync(
                id,
                selection,
                2,
                s =>
                {
                    snapshot = s?.Metadata.SequenceNr ?? 0;
                    Assert.Empty(events);
                    return ValueTask.CompletedTask;
                },
                async chunk =>
                {
                    await Task.Yield();
                    Assert.InRange(chunk.Count, 1, 2);
                    Assert.All(chunk, e => Assert.Equal(id, e.PersistenceId));
                    events.AddRange(chunk.Select(e => e.SequenceNr));
                });
            return $"{id}: snapshot {snapshot}, events [{string.Join(",", events)}], highest {highest}";
        }
    }

    [Fact]
    public async Task Concurrent_writes_of_many_ids_are_all_acknowledged_and_stored()
    {
        var writes = Enumerable.Range(0, 300)
            .Select(i => Journal.WriteAsync(Write($"p-many-{i}", 1, new Incremented(i), new Tagged(new Incremented(-i), "many"))))
            .ToList();

        await Task.WhenAll(writes);

        Assert.Equal(300, (await Collect(Journal.CurrentEventsByTag("many"))).Count);
        foreach (var i in new[] { 0, 150, 299 })
        {
            Assert.Equal([new Incremented(i), new Incremented(-i)], (await Replay(Journal, $"p-many-{i}")).Select(e => e.Payload));
        }
    }

    protected SqlJournal Open(Func<JournalOptions, JournalOptions>? configure = null, EventSerializer? serializer = null)
    {
        var journal = CreateJournal(o => (configure ?? (x => x))(FastOptions(o)), serializer ?? TestSerializer.Create());
        _journals.Add(journal);
        return journal;
    }

    /// <summary>Creates a journal over this test's storage (same storage on every call).</summary>
    protected abstract SqlJournal CreateJournal(Func<JournalOptions, JournalOptions> configure, EventSerializer serializer);

    /// <summary>Overwrites the stored message of one event with bytes that are not JSON.</summary>
    protected abstract Task CorruptMessageAsync(string persistenceId, long sequenceNr);

    protected abstract Task DisposeStorageAsync();

    protected static AtomicWrite Write(string persistenceId, long firstSequenceNr, params object[] payloads) =>
        new(payloads.Select((p, i) => new PersistentRepresentation(persistenceId, firstSequenceNr + i, p, "writer-1")).ToList());

    protected static async Task<List<PersistentRepresentation>> Replay(
        IJournal journal, string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var events = new List<PersistentRepresentation>();
        await foreach (var e in journal.ReplayAsync(persistenceId, from, to, max))
        {
            events.Add(e);
        }

        return events;
    }

    protected static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var items = new List<T>();
        await foreach (var item in source)
        {
            items.Add(item);
        }

        return items;
    }
}
