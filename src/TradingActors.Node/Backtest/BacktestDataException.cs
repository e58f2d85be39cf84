namespace TradingActors.Node.Backtest;

/// <summary>Input the backtest cannot use, named by file, line and column (1-based) where it has them.</summary>
public sealed class BacktestDataException : Exception
{
    public BacktestDataException()
    {
    }

    public BacktestDataException(string message)
        : base(message)
    {
    }

    public BacktestDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BacktestDataException(string file, int line, int column, string problem)
        : base($"{file}, line {line}, column {column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }
}
