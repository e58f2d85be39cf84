namespace TradingActors.Persistence.Journal;

/// <summary>One event as the journal stores it.</summary>
/// <param name="Payload">The event; a <see cref="Tagged"/> wrapper is unwrapped into <paramref name="Tags"/> by the journal.</param>
/// <param name="Timestamp">Unix milliseconds when written (0 until the journal writes it).</param>
public sealed record PersistentRepresentation(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string WriterUuid,
    long Timestamp = 0,
    IReadOnlyCollection<string>? Tags = null);
