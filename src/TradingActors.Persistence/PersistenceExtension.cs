using TradingActors.Actors;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Query;
using TradingActors.Persistence.Snapshot;

namespace TradingActors.Persistence;

/// <summary>
/// The journal, snapshot store and queries of one actor system (a per-system extension). Configure it
/// once, before the first persistent actor starts, with <see cref="PersistenceActorSystemExtensions.AddPersistence(ActorSystem, JournalOptions, Serialization.EventSerializer)"/>
/// or <see cref="Configure"/>.
/// </summary>
public sealed class PersistenceExtension
{
    private readonly Lock _lock = new();
    private Stores? _stores;

    private PersistenceExtension(ActorSystem system)
    {
        System = system;
    }

    public ActorSystem System { get; }

    public bool IsConfigured => Volatile.Read(ref _stores) is not null;

    public IJournal Journal => Configured.Journal;

    public ISnapshotStore SnapshotStore => Configured.SnapshotStore;

    public IEventQueries Queries => Configured.Queries ?? throw new InvalidOperationException("The configured journal offers no queries.");

    public JournalOptions Options => Configured.Options;

    /// <summary>Limits the recoveries reading the journal at once (<see cref="JournalOptions.MaxConcurrentRecoveries"/>).</summary>
    internal SemaphoreSlim RecoveryPermits => Configured.RecoveryPermits;

    private Stores Configured => Volatile.Read(ref _stores)
        ?? throw new InvalidOperationException(
            $"Persistence is not configured for actor system '{System.Name}': call system.AddPersistence(options, serializer) before starting persistent actors.");

    public static PersistenceExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new PersistenceExtension(s));
    }

    /// <summary>
    /// Installs the stores. When <paramref name="disposeOnTermination"/> is set they are disposed after the
    /// system terminated (every persistent actor has stopped by then).
    /// </summary>
    public PersistenceExtension Configure(
        IJournal journal, ISnapshotStore snapshotStore, IEventQueries? queries, JournalOptions options, bool disposeOnTermination)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(snapshotStore);
        ArgumentNullException.ThrowIfNull(options);
        lock (_lock)
        {
            if (_stores is not null)
            {
                throw new InvalidOperationException($"Persistence is already configured for actor system '{System.Name}'.");
            }

            options.Validate();
            Volatile.Write(ref _stores, new Stores(journal, snapshotStore, queries, options, new SemaphoreSlim(options.MaxConcurrentRecoveries)));
        }

        if (disposeOnTermination)
        {
            _ = System.WhenTerminated.ContinueWith(
                async _ =>
                {
                    await journal.DisposeAsync();
                    if (!ReferenceEquals(snapshotStore, journal))
                    {
                        await snapshotStore.DisposeAsync();
                    }
                },
                TaskScheduler.Default);
        }

        return this;
    }

    private sealed record Stores(IJournal Journal, ISnapshotStore SnapshotStore, IEventQueries? Queries, JournalOptions Options, SemaphoreSlim RecoveryPermits);
}
