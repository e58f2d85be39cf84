namespace TradingActors.Persistence.Sql;

/// <summary>One journal row ready to be inserted.</summary>
internal sealed record SerializedEvent(
    string PersistenceId,
    long SequenceNr,
    long Created,
    byte[] Message,
    string Manifest,
    string WriterUuid,
    string[] Tags);
