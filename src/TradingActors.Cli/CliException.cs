namespace TradingActors.Cli;

/// <summary>A command's failure, with the exit code it ends with and a one-line message that says what to do.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
