namespace TradingActors.Persistence.Journal;

/// <summary>
/// Events of one persistence id that are written all together or not at all, with contiguous
/// sequence numbers.
/// </summary>
public sealed record AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentRepresentation> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(events));
        }

        var pid = events[0].PersistenceId;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != pid || events[i].SequenceNr != events[0].SequenceNr + i)
            {
                throw new ArgumentException(
                    "An atomic write holds events of one persistence id with contiguous sequence numbers.", nameof(events));
            }
        }

        Events = events;
    }

    public IReadOnlyList<PersistentRepresentation> Events { get; }

    public string PersistenceId => Events[0].PersistenceId;

    public long LowestSequenceNr => Events[0].SequenceNr;

    public long HighestSequenceNr => Events[^1].SequenceNr;
}
