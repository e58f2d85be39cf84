namespace TradingActors.Hocon;

public sealed record HoconParserOptions
{
    public static HoconParserOptions Default { get; } = new();

    /// <summary>Directory that relative includes of a parsed string resolve against; the current directory when null.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Where <c>${?NAME}</c> falls back to when the path is not in the document; the process environment when null.</summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }
}
