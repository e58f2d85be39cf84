namespace TradingActors.Persistence.Journal;

public static class JournalExtensions
{
    /// <summary>Writes one atomic write; a rejection faults with <see cref="PersistenceRejectedException"/>.</summary>
    public static async Task WriteAsync(this IJournal journal, AtomicWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var results = await journal.WriteMessagesAsync([write], cancellationToken);
        if (results[0] is { } rejection)
        {
            throw rejection;
        }
    }
}
