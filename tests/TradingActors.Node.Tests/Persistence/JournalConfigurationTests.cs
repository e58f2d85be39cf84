using TradingActors.Node.Persistence;

namespace TradingActors.Node.Tests.Persistence;

public sealed class JournalConfigurationTests
{
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "ta-config-data");

    [Fact]
    public void The_shipped_block_gives_a_SQLite_journal_inside_the_data_directory()
    {
        var journal = JournalConfiguration.Read(PersistenceConf.Block(), DataDirectory);
        var sql = journal.Config.GetConfig("akka.persistence.journal.sql");

        Assert.Equal(JournalConfiguration.Sqlite, journal.Plugin);
        Assert.Equal(Path.Combine(DataDirectory, "akka-journal.db"), journal.SqliteFile);
        Assert.Equal("akka.persistence.journal.sql", journal.Config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", journal.Config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("SQLite.MS", sql.GetString("provider-name"));
        Assert.Equal("SQLite.MS", journal.Config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("SQLite.MS", journal.Config.GetString("akka.persistence.query.journal.sql.provider-name"));
        Assert.True(sql.GetBoolean("auto-initialize"));
        Assert.Equal(400, sql.GetInt("batch-size"));
        Assert.Equal(50000, sql.GetInt("buffer-size"));
        Assert.Equal(5000, sql.GetInt("replay-batch-size"));
        Assert.Equal(1, sql.GetInt("parallelism"));
        Assert.Equal("read-uncommitted", sql.GetString("read-isolation-level"));
        Assert.Equal("read-uncommitted", journal.Config.GetString("akka.persistence.snapshot-store.sql.read-isolation-level"));
        Assert.Equal("read-uncommitted", journal.Config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
        Assert.Equal("TagTable", sql.GetString("tag-write-mode"));
        Assert.Equal(32, journal.Config.GetInt("akka.persistence.max-concurrent-recoveries"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), journal.Config.GetTimeSpan("akka.persistence.query.journal.sql.refresh-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), journal.Config.GetTimeSpan("akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay"));
    }

    [Fact]
    public void The_plugin_defaults_are_a_fallback()
    {
        var journal = JournalConfiguration.Read(PersistenceConf.Block(), DataDirectory);

        // Without the plugin's own defaults every persistent actor fails: "Plugin class name must be defined".
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", journal.Config.GetString("akka.persistence.journal.sql.class"));
        Assert.Equal("Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql", journal.Config.GetString("akka.persistence.snapshot-store.sql.class"));
        Assert.Equal(1000, journal.Config.GetInt("akka.persistence.journal.sql.db-round-trip-max-batch-size"));
    }

    [Fact]
    public void Events_are_bound_to_the_trading_serializer_and_tagger()
    {
        var config = JournalConfiguration.Read(PersistenceConf.Block(), DataDirectory).Config;
        const string Marker = "TradingActors.Trading.Serialization.IJournalEvent, TradingActors.Trading";

        Assert.Equal("trading-json", config.GetConfig("akka.actor.serialization-bindings").GetString($"\"{Marker}\""));
        Assert.Equal("TradingActors.Trading.Serialization.TradingEventSerializer, TradingActors.Trading", config.GetString("akka.actor.serializers.trading-json"));
        Assert.Equal("trading-tagger", config.GetConfig("akka.persistence.journal.sql.event-adapter-bindings").GetString($"\"{Marker}\""));
    }

    [Fact]
    public void PostgreSQL_takes_its_connection_string_and_schema()
    {
        var journal = JournalConfiguration.Read(
            PersistenceConf.Block("""trading-actors.persistence { plugin = postgresql, postgresql { connection-string = "Host=db;Username=u", schema-name = ledger } }"""),
            DataDirectory);

        Assert.Equal(JournalConfiguration.PostgreSql, journal.Plugin);
        Assert.Null(journal.SqliteFile);
        Assert.Equal("PostgreSQL.15", journal.Config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("Host=db;Username=u", journal.Config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal("ledger", journal.Config.GetString("akka.persistence.journal.sql.default.schema-name"));
        Assert.Equal("ledger", journal.Config.GetString("akka.persistence.snapshot-store.sql.default.schema-name"));
        Assert.Equal("ledger", journal.Config.GetString("akka.persistence.query.journal.sql.default.schema-name"));
        Assert.Equal(4, journal.Config.GetInt("akka.persistence.journal.sql.parallelism"));
        Assert.Equal("unspecified", journal.Config.GetString("akka.persistence.journal.sql.read-isolation-level"));
    }

    [Theory]
    [InlineData("plugin = mongodb", "trading-actors.persistence.plugin")]
    [InlineData("batch-size = many", "trading-actors.persistence.batch-size")]
    [InlineData("buffer-size = 0", "trading-actors.persistence.buffer-size")]
    [InlineData("query-refresh-interval = soon", "trading-actors.persistence.query-refresh-interval")]
    [InlineData("tag-write-mode = Json", "trading-actors.persistence.tag-write-mode")]
    [InlineData("plugin = postgresql, postgresql.schema-name = \"a; drop\"", "trading-actors.persistence.postgresql.schema-name")]
    public void A_bad_value_is_refused_naming_its_key(string setting, string key)
    {
        var error = Assert.Throws<NodeConfigurationException>(
            () => JournalConfiguration.Read(PersistenceConf.Block($"trading-actors.persistence {{ {setting} }}"), DataDirectory));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Every_key_of_the_shipped_block_has_a_comment()
    {
        var lines = PersistenceConf.Text.Split('\n').Select(l => l.Trim()).ToList();

        var uncommented = lines
            .Select((line, i) => (line, i))
            .Where(x => x.line.Contains('=', StringComparison.Ordinal) && !x.line.StartsWith('#') && !lines[x.i - 1].StartsWith('#')
                && !(lines[x.i - 1].Contains('=', StringComparison.Ordinal) && KeyOf(lines[x.i - 1]) == KeyOf(x.line)))
            .Select(x => x.line)
            .ToList();

        Assert.Empty(uncommented);
    }

    private static string KeyOf(string line) => line.Split('=')[0].Trim();
}
