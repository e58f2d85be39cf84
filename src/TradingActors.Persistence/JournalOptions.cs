namespace TradingActors.Persistence;

/// <summary>The journal backends.</summary>
public enum JournalPlugin
{
    /// <summary>Embedded SQLite file (default; one process).</summary>
    Sqlite,

    /// <summary>PostgreSQL server (clusters: several nodes share one journal).</summary>
    PostgreSql,
}

/// <summary>SQLite <c>PRAGMA synchronous</c> level used with WAL.</summary>
public enum SqliteDurability
{
    /// <summary>Every commit fsyncs the WAL before it is acknowledged: survives process crash and power loss.</summary>
    Full,

    /// <summary>Commits reach the OS before they are acknowledged: survives a process crash (kill -9), not a power loss.</summary>
    Normal,
}

/// <summary>
/// Options of the journal and snapshot store (reference configuration: <c>hocon/persistence.conf</c>,
/// block <c>trading-actors.persistence</c>).
/// </summary>
public sealed record JournalOptions
{
    public JournalPlugin Plugin { get; init; } = JournalPlugin.Sqlite;

    /// <summary>SQLite database file; its directory must exist.</summary>
    public string SqlitePath { get; init; } = "data/journal.db";

    public SqliteDurability SqliteDurability { get; init; } = SqliteDurability.Full;

    /// <summary>Npgsql connection string (the password is never logged).</summary>
    public string PostgreSqlConnectionString { get; init; } = "Host=127.0.0.1;Port=5432;Database=trading;Username=trading";

    /// <summary>PostgreSQL schema holding the tables (created on first use).</summary>
    public string SchemaName { get; init; } = "trading_actors";

    /// <summary>Maximum atomic writes committed in one transaction by the journal writer.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>
    /// PostgreSQL only: batches committed concurrently, each on its own connection (hides commit latency).
    /// SQLite always has one writer.
    /// </summary>
    public int PostgreSqlWriteConnections { get; init; } = 4;

    /// <summary>Maximum write requests (an actor's group of atomic writes) waiting for the writer; further writers wait for room (back-pressure).</summary>
    public int BufferSize { get; init; } = 50_000;

    /// <summary>Rows read per round trip by replays and queries.</summary>
    public int ReadBatchSize { get; init; } = 5_000;

    /// <summary>
    /// Persistent actors reading their journal at the same time; more wait their turn (10,000 actors
    /// starting at once otherwise fight over connections and threads).
    /// </summary>
    public int MaxConcurrentRecoveries { get; init; } = 32;

    /// <summary>How often live queries poll for new events.</summary>
    public TimeSpan QueryRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a live tag query waits for a missing ordering before deeming the gap permanent.</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connecting to the database fails after this long (no hang on a wrong host).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A statement fails after this long.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock for timestamps and gap timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (BufferSize < BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, "BufferSize must be at least BatchSize.");
        }

        if (PostgreSqlWriteConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PostgreSqlWriteConnections), PostgreSqlWriteConnections, "PostgreSqlWriteConnections must be at least 1.");
        }

        if (MaxConcurrentRecoveries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRecoveries), MaxConcurrentRecoveries, "MaxConcurrentRecoveries must be at least 1.");
        }

        if (ReadBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadBatchSize), ReadBatchSize, "ReadBatchSize must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(SchemaName) || !SchemaName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"SchemaName '{SchemaName}' must be letters, digits and '_' only.", nameof(SchemaName));
        }
    }
}
