namespace TradingActors.Persistence.Journal;

/// <summary>The journal's database could not be reached or opened (bad connection string, server down, missing directory).</summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException()
    {
    }

    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    public JournalUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
