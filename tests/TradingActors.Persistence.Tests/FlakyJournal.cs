using TradingActors.Persistence.Journal;

namespace TradingActors.Persistence.Tests;

/// <summary>Wraps a journal and fails writes on demand (as a lost connection would).</summary>
public sealed class FlakyJournal(IJournal inner) : IJournal
{
    private volatile bool _failWrites;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    public Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        _failWrites
            ? Task.FromException<IReadOnlyList<Exception?>>(new JournalUnavailableException("simulated connection loss"))
            : inner.WriteMessagesAsync(writes, cancellationToken);

    public IAsyncEnumerable<PersistentRepresentation> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
