using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Sql;

namespace TradingActors.Persistence;

public static class PersistenceActorSystemExtensions
{
    /// <summary>Creates the SQL journal chosen by <see cref="JournalOptions.Plugin"/> and installs it for the system.</summary>
    public static PersistenceExtension AddPersistence(this ActorSystem system, JournalOptions options, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(system);
        var journal = CreateJournal(options, serializer, system.LoggerFactory);
        try
        {
            return PersistenceExtension.Get(system).Configure(journal, journal, journal, options, disposeOnTermination: true);
        }
        catch
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>The system's persistence (throws on use when it was not configured).</summary>
    public static PersistenceExtension Persistence(this ActorSystem system) => PersistenceExtension.Get(system);

    public static SqlJournal CreateJournal(JournalOptions options, EventSerializer serializer, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = loggerFactory?.CreateLogger<SqlJournal>();
        return options.Plugin switch
        {
            JournalPlugin.Sqlite => new SqliteJournal(options, serializer, logger),
            JournalPlugin.PostgreSql => new PostgreSqlJournal(options, serializer, logger),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Plugin, "Unknown journal plugin."),
        };
    }
}
