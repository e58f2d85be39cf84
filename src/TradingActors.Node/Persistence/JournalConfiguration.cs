using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;
using TradingActors.Trading.Serialization;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Persistence;

/// <summary>
/// Turns the <c>trading-actors.persistence</c> block (hocon/persistence.conf) and the node's data directory
/// into the Akka configuration of the Akka.Persistence.Sql journal, snapshot store and read journal, with
/// <see cref="TradingEventSerializer"/> bound to <see cref="IJournalEvent"/> and <see cref="TradingTagger"/> as the
/// journal's write adapter. Usage: <c>var journal = JournalConfiguration.Read(config.GetConfig(JournalConfiguration.Path), dataDir);
/// journal.PrepareStorage(); ActorSystem.Create(name, nodeConfig.WithFallback(journal.Config));</c>
/// </summary>
public sealed partial class JournalConfiguration
{
    /// <summary>Where the block lives in the node's configuration.</summary>
    public const string Path = "trading-actors.persistence";

    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    private const string JournalPluginId = "akka.persistence.journal.sql";
    private const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    private JournalConfiguration(string plugin, string connectionString, string? sqliteFile, string? schemaName, string dataDirectory, AkkaConfig config)
    {
        Plugin = plugin;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
        SchemaName = schemaName;
        DataDirectory = dataDirectory;
        Config = config;
    }

    /// <summary><see cref="Sqlite"/> or <see cref="PostgreSql"/>.</summary>
    public string Plugin { get; }

    /// <summary>The journal's connection string (may hold a password: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite journal file (absolute), or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    /// <summary>The PostgreSQL schema, or null on SQLite.</summary>
    public string? SchemaName { get; }

    public string DataDirectory { get; }

    /// <summary>The journal's Akka configuration, falling back to the plugin's and Akka.Persistence's defaults.</summary>
    public AkkaConfig Config { get; }

    /// <summary>Reads <paramref name="persistence"/> (the <see cref="Path"/> block); a bad value is a <see cref="NodeConfigurationException"/> naming its key.</summary>
    public static JournalConfiguration Read(AkkaConfig? persistence, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var c = persistence ?? AkkaConfig.Empty;
        var data = System.IO.Path.GetFullPath(dataDirectory);
        var plugin = (String(c, "plugin") ?? Sqlite).ToLowerInvariant();
        if (plugin is not (Sqlite or PostgreSql))
        {
            throw new NodeConfigurationException(Key("plugin"), $"'{plugin}' is not {Sqlite} or {PostgreSql}.");
        }

        var tagMode = String(c, "tag-write-mode") ?? "TagTable";
        if (tagMode is not ("TagTable" or "Csv"))
        {
            throw new NodeConfigurationException(Key("tag-write-mode"), $"'{tagMode}' is not TagTable or Csv.");
        }

        string connectionString;
        string? file = null;
        string? schema = null;
        int parallelism;
        var readIsolation = "unspecified";
        if (plugin == Sqlite)
        {
            file = System.IO.Path.GetFullPath(System.IO.Path.Combine(data, String(c, "sqlite.path") ?? "akka-journal.db"));
            connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            parallelism = Positive(c, "sqlite.parallelism", 1);
            readIsolation = String(c, "sqlite.read-isolation-level") ?? "read-uncommitted";
            if (readIsolation is not ("read-uncommitted" or "unspecified"))
            {
                throw new NodeConfigurationException(Key("sqlite.read-isolation-level"), $"'{readIsolation}' is not read-uncommitted or unspecified.");
            }
        }
        else
        {
            connectionString = String(c, "postgresql.connection-string")
                ?? throw new NodeConfigurationException(Key("postgresql.connection-string"), "is required when plugin = postgresql.");
            schema = String(c, "postgresql.schema-name") ?? "trading_actors";
            if (!SchemaNamePattern().IsMatch(schema))
            {
                throw new NodeConfigurationException(Key("postgresql.schema-name"), $"'{schema}' is not a plain SQL identifier (letters, digits, underscores).");
            }

            parallelism = Positive(c, "postgresql.parallelism", 4);
        }

        var refresh = Duration(c, "query-refresh-interval", TimeSpan.FromMilliseconds(200));
        var sql = new StringBuilder();
        var provider = plugin == Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        var common = $"""
            connection-string = {Quote(connectionString)}
            provider-name = {Quote(provider)}
            read-isolation-level = {readIsolation}
            {(schema is null ? string.Empty : $"default.schema-name = {Quote(schema)}")}
            """;
        var eventType = TypeName(typeof(IJournalEvent));
        sql.Append(CultureInfo.InvariantCulture, $$"""
            akka.actor {
              serializers.trading-json = {{Quote(TypeName(typeof(TradingEventSerializer)))}}
              serialization-bindings { {{Quote(eventType)}} = trading-json }
            }
            akka.persistence {
              max-concurrent-recoveries = {{Positive(c, "max-concurrent-recoveries", 32)}}
              journal {
                plugin = {{Quote(JournalPluginId)}}
                sql {
                  {{common}}
                  auto-initialize = on
                  batch-size = {{Positive(c, "batch-size", 400)}}
                  buffer-size = {{Positive(c, "buffer-size", 50000)}}
                  replay-batch-size = {{Positive(c, "replay-batch-size", 5000)}}
                  parallelism = {{parallelism}}
                  tag-write-mode = {{tagMode}}
                  event-adapters.trading-tagger = {{Quote(TypeName(typeof(TradingTagger)))}}
                  event-adapter-bindings { {{Quote(eventType)}} = trading-tagger }
                }
              }
              snapshot-store {
                plugin = {{Quote(SnapshotPluginId)}}
                sql {
                  {{common}}
                  auto-initialize = on
                }
              }
              query.journal.sql {
                {{common}}
                write-plugin = {{Quote(JournalPluginId)}}
                tag-read-mode = {{tagMode}}
                replay-batch-size = {{Positive(c, "replay-batch-size", 5000)}}
                refresh-interval = {{Millis(refresh)}}
                journal-sequence-retrieval.query-delay = {{Millis(refresh)}}
              }
            }
            """);

        var config = ConfigurationFactory.ParseString(sql.ToString())
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(Akka.Persistence.Persistence.DefaultConfig());
        return new JournalConfiguration(plugin, connectionString, file, schema, data, config);
    }

    /// <summary>
    /// Run once before the actor system starts: refuses a journal of the builds before Akka.NET
    /// (<see cref="LegacyJournalCheck"/>), then on SQLite creates the directory and puts the file in WAL mode,
    /// on PostgreSQL creates the schema (the plugin creates tables, not schemas).
    /// </summary>
    public async Task PrepareStorageAsync(CancellationToken ct = default)
    {
        if (SqliteFile is not null)
        {
            LegacyJournalCheck.VerifySqlite(DataDirectory, SqliteFile);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(SqliteFile)!);
            var builder = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(ct);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var pg = new NpgsqlConnection(ConnectionString);
        try
        {
            await pg.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            throw new NodeConfigurationException(Key("postgresql.connection-string"), "cannot connect to the journal database: " + e.Message, e);
        }

        await LegacyJournalCheck.VerifyPostgreSqlAsync(pg, SchemaName!, ct);
        await using var create = pg.CreateCommand();
        create.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{SchemaName}\"";
        await create.ExecuteNonQueryAsync(ct);
    }

    public override string ToString() =>
        SqliteFile is null ? $"Journal {{ postgresql, schema {SchemaName} }}" : $"Journal {{ sqlite, {SqliteFile} }}";

    private static string Key(string key) => Path + "." + key;

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static string Millis(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>A HOCON quoted string (JSON escapes).</summary>
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string? String(AkkaConfig c, string key)
    {
        if (!c.HasPath(key))
        {
            return null;
        }

        var value = c.GetString(key, null);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static int Positive(AkkaConfig c, string key, int fallback)
    {
        var text = String(c, key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new NodeConfigurationException(Key(key), $"'{text}' is not a positive whole number.");
    }

    private static TimeSpan Duration(AkkaConfig c, string key, TimeSpan fallback)
    {
        if (String(c, key) is not { } text)
        {
            return fallback;
        }

        TimeSpan value;
        try
        {
            value = c.GetTimeSpan(key, null, allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or ConfigurationException or InvalidOperationException)
        {
            throw new NodeConfigurationException(Key(key), $"'{text}' is not a duration (e.g. 200ms, 1s).", e);
        }

        return value > TimeSpan.Zero ? value : throw new NodeConfigurationException(Key(key), $"'{text}' must be longer than zero.");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SchemaNamePattern();
}
