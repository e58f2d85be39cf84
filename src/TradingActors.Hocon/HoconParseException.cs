namespace TradingActors.Hocon;

/// <summary>
/// A HOCON document could not be read: a syntax error, a missing required include, an unresolvable
/// substitution or a substitution cycle. The message names the file, line and column.
/// </summary>
public sealed class HoconParseException : Exception
{
    public HoconParseException()
        : this("<unknown>", 0, 0, "Invalid HOCON")
    {
    }

    public HoconParseException(string message)
        : this("<unknown>", 0, 0, message)
    {
    }

    public HoconParseException(string message, Exception innerException)
        : this("<unknown>", 0, 0, message, innerException)
    {
    }

    public HoconParseException(string source, int line, int column, string reason, Exception? innerException = null)
        : base($"{source}({line},{column}): {reason}", innerException)
    {
        SourceName = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file path, or the name given to a parsed string.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error.</summary>
    public int Column { get; }

    /// <summary>What went wrong and what was expected, without the position.</summary>
    public string Reason { get; }
}
