using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TradingActors.Persistence.Sql;

/// <summary>
/// The SQLite journal's write path on the native API: statements prepared once and bound by index.
/// Microsoft.Data.Sqlite looks every named parameter up by name on each execution, which costs more
/// than the insert itself at group-commit rates.
/// </summary>
internal sealed class RawWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insertEvent;
    private readonly sqlite3_stmt _insertTag;

    public RawWriter(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        _insertEvent = Prepare(
            "INSERT INTO journal (persistence_id, sequence_number, created, message, manifest, writer_uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

        // tags is WITHOUT ROWID, so last_insert_rowid() stays the journal row's ordering for every tag.
        _insertTag = Prepare("INSERT INTO tags (ordering_id, tag, persistence_id, sequence_nr) VALUES (last_insert_rowid(), ?1, ?2, ?3)");
    }

    public void Execute(string sql) => Check(raw.sqlite3_exec(_db, sql));

    public void RollbackIfOpen()
    {
        if (raw.sqlite3_get_autocommit(_db) == 0)
        {
            raw.sqlite3_exec(_db, "ROLLBACK");
        }
    }

    public void Insert(SerializedEvent row)
    {
        var s = _insertEvent;
        raw.sqlite3_bind_text(s, 1, row.PersistenceId);
        raw.sqlite3_bind_int64(s, 2, row.SequenceNr);
        raw.sqlite3_bind_int64(s, 3, row.Created);
        raw.sqlite3_bind_blob(s, 4, row.Message);
        raw.sqlite3_bind_text(s, 5, row.Manifest);
        raw.sqlite3_bind_text(s, 6, row.WriterUuid);
        Step(s);
        foreach (var tag in row.Tags)
        {
            var t = _insertTag;
            raw.sqlite3_bind_text(t, 1, tag);
            raw.sqlite3_bind_text(t, 2, row.PersistenceId);
            raw.sqlite3_bind_int64(t, 3, row.SequenceNr);
            Step(t);
        }
    }

    public void Dispose()
    {
        RollbackIfOpen();
        raw.sqlite3_finalize(_insertEvent);
        raw.sqlite3_finalize(_insertTag);
        _connection.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
