using Microsoft.Data.Sqlite;
using Npgsql;

namespace TradingActors.Node.Persistence;

/// <summary>
/// Refuses to start beside a journal written by the builds before Akka.NET (our own journal: tables
/// <c>journal</c>, <c>tags</c>, <c>snapshot</c> and <c>metadata</c>, the file <c>journal.db</c>). Akka.Persistence.Sql
/// cannot read it, and starting with an empty journal would forget open positions and their stops, so the
/// node stops with a <see cref="NodeConfigurationException"/> (exit code 2) naming the file or schema.
/// </summary>
public static class LegacyJournalCheck
{
    /// <summary>The journal file of the builds before Akka.NET, inside the data directory.</summary>
    public const string LegacyFileName = "journal.db";

    private const string Key = JournalConfiguration.Path;

    /// <summary>Checks the data directory's <see cref="LegacyFileName"/> and the configured journal file.</summary>
    public static void VerifySqlite(string dataDirectory, string journalFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(journalFile);
        var legacy = Path.GetFullPath(Path.Combine(dataDirectory, LegacyFileName));
        foreach (var file in new[] { legacy, Path.GetFullPath(journalFile) }.Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(file) && IsLegacySqlite(file))
            {
                throw new NodeConfigurationException(Key, Refusal($"the file {file}", "Move it aside (e.g. rename it to journal.db.old) or delete it"));
            }
        }
    }

    /// <summary>Checks <paramref name="schema"/> of an open PostgreSQL connection.</summary>
    public static async Task VerifyPostgreSqlAsync(NpgsqlConnection connection, string schema, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = @schema AND table_name IN ('journal', 'metadata')
            """;
        command.Parameters.AddWithValue("schema", schema);
        var columns = new List<(string Table, string Column)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (IsLegacy(columns))
        {
            throw new NodeConfigurationException(
                JournalConfiguration.Path + ".postgresql.schema-name",
                Refusal($"the PostgreSQL schema '{schema}'", $"Rename it (ALTER SCHEMA \"{schema}\" RENAME TO \"{schema}_old\"), drop it, or set another schema-name"));
        }
    }

    private static bool IsLegacySqlite(string file)
    {
        // Read-only and unpooled: the check must neither create nor change the file, nor keep it open.
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name IN ('journal', 'metadata')
                """;
            var columns = new List<(string Table, string Column)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }

            return IsLegacy(columns);
        }
        catch (SqliteException e)
        {
            throw new NodeConfigurationException(Key, $"{file} is not a journal this build can read ({e.Message}). Move it aside or delete it, then start again.", e);
        }
    }

    /// <summary>
    /// Our old journal had a <c>metadata</c> table (schema version) and a <c>journal</c> table without the
    /// <c>identifier</c> (serializer id) column every Akka.Persistence.Sql journal has.
    /// </summary>
    private static bool IsLegacy(List<(string Table, string Column)> columns) =>
        columns.Any(c => c.Table == "metadata")
        || (columns.Any(c => c.Table == "journal") && !columns.Any(c => c is { Table: "journal", Column: "identifier" }));

    private static string Refusal(string what, string remedy) =>
        $"{what} holds a journal written by a TradingActors build before Akka.NET. This build cannot read it, and starting " +
        "with an empty journal would forget open positions and their protective orders. Settle its positions with the old build " +
        $"(or on the exchange) first, then: {remedy}, and start again.";
}
