namespace TradingActors.Hocon.Internal;

/// <summary>State shared by a document and the files it includes.</summary>
internal sealed class ParseContext
{
    /// <summary>Objects, arrays and includes nested deeper than this are rejected instead of overflowing the stack.</summary>
    public const int MaxDepth = 200;

    public const int MaxIncludeDepth = 32;

    public List<string> IncludeStack { get; } = [];

    /// <summary>Every file read, the root file included, so a provider can watch them all.</summary>
    public List<string> Files { get; } = [];

    public int Depth { get; set; }
}
