namespace TradingActors.Persistence.Journal;

/// <summary>A write refused before it reached the store (e.g. the event cannot be serialized). Nothing was written.</summary>
public sealed class PersistenceRejectedException : Exception
{
    public PersistenceRejectedException()
    {
    }

    public PersistenceRejectedException(string message)
        : base(message)
    {
    }

    public PersistenceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
