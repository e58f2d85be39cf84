using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Orders;

/// <summary>The router's own journal: which intents are live, so a restart resumes them.</summary>
public static class RouterEvents
{
    public sealed record IntentRegistered(IntentId Id, DateTimeOffset At);

    public sealed record IntentReleased(IntentId Id, DateTimeOffset At);

    /// <summary>Snapshot of the live intents.</summary>
    public sealed record LiveIntentsSnapshot(IReadOnlyList<IntentId> Live);
}
