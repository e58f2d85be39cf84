namespace TradingActors.Persistence.Serialization;

/// <summary>A stored event or snapshot that cannot be read back: unknown manifest or malformed payload.</summary>
public sealed class EventDeserializationException : Exception
{
    public EventDeserializationException()
    {
    }

    public EventDeserializationException(string message)
        : base(message)
    {
    }

    public EventDeserializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventDeserializationException(string persistenceId, long sequenceNr, string manifest, string reason, Exception? innerException = null)
        : base($"Cannot read event {sequenceNr} of persistence id '{persistenceId}' (manifest '{manifest}'): {reason}", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
    }

    public string? PersistenceId { get; }

    public long SequenceNr { get; }

    public string? Manifest { get; }
}
