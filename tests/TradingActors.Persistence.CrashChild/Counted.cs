namespace TradingActors.Persistence.CrashChild;

/// <summary>The event the child persists: its value is the sequence number it expects to get.</summary>
public sealed record Counted(long Value)
{
    public const string Manifest = "crash.counted.v1";
}
