namespace TradingActors.Persistence.Journal;

/// <summary>
/// A write whose sequence numbers are already taken: a second writer for the same persistence id.
/// History never forks; the losing writer must stop and recover.
/// </summary>
public sealed class ConcurrentWriteException : Exception
{
    public ConcurrentWriteException()
    {
    }

    public ConcurrentWriteException(string message)
        : base(message)
    {
    }

    public ConcurrentWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
