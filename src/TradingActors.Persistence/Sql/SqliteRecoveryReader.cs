using Microsoft.Data.Sqlite;
using SQLitePCL;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// The SQLite journal's recovery path on the native API: one connection with its statements prepared once,
/// rented by one recovery at a time. Through Microsoft.Data.Sqlite a recovery paid for parsing the SQL on every
/// command, and every row for a byte[] copy of the payload and two new strings; here the payload is deserialized
/// straight from SQLite's buffer and the manifest and writer uuid strings are reused while they repeat (they
/// nearly always do within one persistence id).
/// </summary>
internal sealed class SqliteRecoveryReader : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _snapshot;
    private readonly sqlite3_stmt _events;
    private readonly TextCache _manifests = new();
    private readonly TextCache _writers = new();

    private SqliteRecoveryReader(sqlite3 db)
    {
        _db = db;
        _snapshot = Prepare(
            """
            SELECT sequence_number, created, snapshot, manifest FROM snapshot
            WHERE persistence_id = ?1 AND sequence_number <= ?2 AND sequence_number >= ?3 AND created <= ?4 AND created >= ?5
            ORDER BY sequence_number DESC LIMIT 1
            """);
        _events = Prepare(
            """
            SELECT sequence_number, created, CASE WHEN deleted THEN NULL ELSE message END, manifest, writer_uuid FROM journal
            WHERE persistence_id = ?1 AND sequence_number >= ?2
            ORDER BY sequence_number
            """);
    }

    /// <summary>
    /// Opens a connection in SQLite's multi-thread mode: no mutex around every API call, as only one recovery at a
    /// time uses a reader and its awaits hand it between threads with the needed barriers. It only reads, but opens
    /// read-write, which avoids the corner cases of read-only access to a WAL database.
    /// </summary>
    public static SqliteRecoveryReader Open(string path, TimeSpan busyTimeout)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            Check(rc, raw.SQLITE_OK, db);

            // A reader meets a busy database only in rare WAL corner cases; it waits like the other connections.
            Check(raw.sqlite3_busy_timeout(db, (int)Math.Min(int.MaxValue, busyTimeout.TotalMilliseconds)), raw.SQLITE_OK, db);

            // No mmap_size: its gain did not show through the noise, and with memory-mapped reads an I/O error on
            // the journal would crash the process instead of failing one recovery.
            return new SqliteRecoveryReader(db);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public SelectedSnapshot? ReadSnapshot(string persistenceId, SnapshotSelectionCriteria criteria, EventSerializer serializer)
    {
        if (criteria.MaxSequenceNr <= 0)
        {
            return null;
        }

        var s = _snapshot;
        try
        {
            raw.sqlite3_bind_text(s, 1, persistenceId);
            raw.sqlite3_bind_int64(s, 2, criteria.MaxSequenceNr);
            raw.sqlite3_bind_int64(s, 3, criteria.MinSequenceNr);
            raw.sqlite3_bind_int64(s, 4, criteria.MaxTimestamp);
            raw.sqlite3_bind_int64(s, 5, criteria.MinTimestamp);
            var rc = raw.sqlite3_step(s);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            Check(rc, raw.SQLITE_ROW, _db);
            var sequenceNr = raw.sqlite3_column_int64(s, 0);
            var state = serializer.Deserialize(_manifests.Get(raw.sqlite3_column_blob(s, 3)), raw.sqlite3_column_blob(s, 2), persistenceId, sequenceNr);
            return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, raw.sqlite3_column_int64(s, 1)), state);
        }
        finally
        {
            raw.sqlite3_reset(s);
        }
    }

    /// <summary>Starts reading the events of <paramref name="persistenceId"/> from <paramref name="fromSequenceNr"/> on; <see cref="ReadChunk"/> goes on from there.</summary>
    public void StartEvents(string persistenceId, long fromSequenceNr)
    {
        raw.sqlite3_reset(_events);
        raw.sqlite3_bind_text(_events, 1, persistenceId);
        raw.sqlite3_bind_int64(_events, 2, fromSequenceNr);
    }

    /// <summary>
    /// Reads up to <paramref name="max"/> events into <paramref name="chunk"/>; returns false once the rows are
    /// exhausted. Deleted rows are not returned but raise <paramref name="highest"/> like the others.
    /// </summary>
    public bool ReadChunk(string persistenceId, EventSerializer serializer, List<PersistentRepresentation> chunk, int max, ref long highest)
    {
        var s = _events;
        while (chunk.Count < max)
        {
            var rc = raw.sqlite3_step(s);
            if (rc == raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(s);
                return false;
            }

            Check(rc, raw.SQLITE_ROW, _db);
            var sequenceNr = raw.sqlite3_column_int64(s, 0);
            highest = sequenceNr;

            // A deleted row reads as NULL; the type is asked only for an empty value, which JSON never is.
            var message = raw.sqlite3_column_blob(s, 2);
            if (message.IsEmpty && raw.sqlite3_column_type(s, 2) == raw.SQLITE_NULL)
            {
                continue;
            }

            var manifest = _manifests.Get(raw.sqlite3_column_blob(s, 3));
            var payload = serializer.Deserialize(manifest, message, persistenceId, sequenceNr);
            chunk.Add(new PersistentRepresentation(persistenceId, sequenceNr, payload, _writers.Get(raw.sqlite3_column_blob(s, 4)), raw.sqlite3_column_int64(s, 1)));
        }

        return true;
    }

    public void Dispose()
    {
        raw.sqlite3_finalize(_snapshot);
        raw.sqlite3_finalize(_events);
        _db.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement), raw.SQLITE_OK, _db);
        return statement;
    }

    private static void Check(int rc, int expected, sqlite3 db)
    {
        if (rc != expected)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>The last text value read from a column as a string, reused while the UTF-8 bytes repeat.</summary>
    private sealed class TextCache
    {
        private byte[] _bytes = [];
        private string _text = string.Empty;

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (!utf8.SequenceEqual(_bytes))
            {
                _bytes = utf8.ToArray();
                _text = System.Text.Encoding.UTF8.GetString(utf8);
            }

            return _text;
        }
    }
}
