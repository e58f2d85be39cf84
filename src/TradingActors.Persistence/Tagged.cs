namespace TradingActors.Persistence;

/// <summary>
/// Wraps an event so the journal stores it with tags (for <c>EventsByTag</c> queries). The event is
/// stored and replayed unwrapped; the tags live beside it.
/// </summary>
public sealed record Tagged(object Payload, IReadOnlyCollection<string> Tags)
{
    public Tagged(object payload, params string[] tags)
        : this(payload, (IReadOnlyCollection<string>)tags)
    {
    }
}
