using Akka.Configuration;
using TradingActors.Node.Persistence;
using TradingActors.TestSupport;

namespace TradingActors.Benchmarks;

/// <summary>
/// A journal under the trading-path benchmarks: the node's own configuration of Akka.Persistence.Sql on SQLite or
/// PostgreSQL (hocon/persistence.conf's settings), or Akka's in-memory journal as the baseline without a disk.
/// Each run gets a fresh store; <see cref="ConfigAsync"/> called again returns the same store (a restart).
/// <c>BENCH_JOURNALS</c> (e.g. <c>sqlite</c>) limits a run to some of the durable journals.
/// </summary>
public sealed class BenchJournal : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-bench-" + Guid.NewGuid().ToString("N"));
    private readonly PostgreSqlServer? _postgres;
    private readonly Func<string, Config>? _durable;

    private BenchJournal(string name, PostgreSqlServer? postgres, Func<string, Config>? durable)
    {
        Name = name;
        _postgres = postgres;
        _durable = durable;
        Directory.CreateDirectory(_directory);
    }

    public string Name { get; }

    public bool IsDurable => _durable is not null;

    public static BenchJournal InMemory() => new("in-memory journal", null, null);

    public static BenchJournal? Sqlite(bool always = false) => always || Wanted("sqlite") ? new("SQLite", null, _ => ConfigurationFactory.ParseString("plugin = sqlite")) : null;

    /// <summary>A private PostgreSQL server, or null (with the reason printed) where none can start.</summary>
    public static async Task<BenchJournal?> PostgreSqlAsync()
    {
        if (!Wanted("postgresql"))
        {
            return null;
        }

        PostgreSqlServer server;
        try
        {
            server = await PostgreSqlServer.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"\nPostgreSQL skipped: {e.Message}");
            return null;
        }

        return new BenchJournal("PostgreSQL", server, schema => ConfigurationFactory.ParseString(
            $"plugin = postgresql\npostgresql {{ connection-string = \"{server.ConnectionString}\", schema-name = {schema} }}"));
    }

    private static bool Wanted(string name) =>
        Environment.GetEnvironmentVariable("BENCH_JOURNALS") is not { } wanted || wanted.Split(',').Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The journal's Akka configuration for store <paramref name="store"/> (a file or a schema), prepared for use.</summary>
    public async Task<Config> ConfigAsync(string store)
    {
        if (_durable is null)
        {
            return ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """).WithFallback(Akka.Persistence.Persistence.DefaultConfig());
        }

        // JOURNAL_SETTINGS (HOCON in the trading-actors.persistence block) measures another setting against the shipped one.
        var overrides = ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable("JOURNAL_SETTINGS") ?? string.Empty);
        var block = overrides.WithFallback(_durable(store)).WithFallback(ConfigurationFactory.ParseString($"sqlite.path = \"{store}.db\""));
        var journal = JournalConfiguration.Read(block, _directory);
        await journal.PrepareStorageAsync();
        return journal.Config;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
