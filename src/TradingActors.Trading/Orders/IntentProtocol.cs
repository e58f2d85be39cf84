using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Orders;

/// <summary>Messages of the order router and its intents.</summary>
public static class RouterProtocol
{
    /// <summary>
    /// Work <paramref name="Spec"/> under <paramref name="Id"/>. The sender gets an <see cref="IntentReport"/> once the
    /// intent is journaled; submitting an id again answers its current report and sends nothing new.
    /// </summary>
    public sealed record SubmitIntent(IntentId Id, OrderIntentSpec Spec, PositionId? Owner = null);

    /// <summary>Stop working an intent: cancel its resting order, or disarm its guard stop.</summary>
    public sealed record CancelIntent(IntentId Id);

    /// <summary>Answered by <see cref="IntentReport"/>, or <see cref="IntentNotFound"/> for an id never submitted.</summary>
    public sealed record GetIntent(IntentId Id);

    /// <summary>Answered by <see cref="LiveIntents"/>.</summary>
    public sealed record GetLiveIntents;

    public sealed record LiveIntents(IReadOnlyList<IntentReport> Intents);

    public sealed record IntentNotFound(IntentId Id);

    /// <summary>Answered by <see cref="MemoryFootprint"/>: what the router holds in memory (bounded by live intents).</summary>
    public sealed record GetMemoryFootprint;

    public sealed record MemoryFootprint(int LiveIntents, int IntentActors, int RoutedClientOrderIds);

    /// <summary>An intent's state; sent to the submitter and, on every change, to the owner's region.</summary>
    public sealed record IntentReport(
        IntentId Id,
        PositionId? Owner,
        OrderIntentSpec Spec,
        IntentStatus Status,
        decimal FilledQuantity,
        decimal AveragePrice,
        decimal Fees,
        string Reason,
        IReadOnlyList<LegData> Legs)
    {
        /// <summary>Commissions taken from the base asset: a spot buy holds this much less than it filled.</summary>
        public decimal BaseFees => Legs.Sum(l => l.BaseFees);

        public static IntentReport From(IntentData data) =>
            new(data.Id, data.Owner, data.Spec!, data.Status, data.FilledQuantity, data.AveragePrice, data.Fees, data.Reason, data.Legs);

        /// <summary>The leg holding the protection, when the intent is armed.</summary>
        public LegData? ProtectionLeg => Legs.LastOrDefault(l => l.Protection is not null && !l.IsTerminal);
    }

    /// <summary>From an intent to the router: route exchange updates for this client id to me.</summary>
    internal sealed record LegRegistered(IntentId Intent, ClientOrderId ClientOrderId);

    /// <summary>From an intent to the router: I am done (<paramref name="Finished"/>) or was never submitted, and may leave memory.</summary>
    internal sealed record IntentDone(IntentId Intent, bool Finished);

    /// <summary>From the router to its intents after a stream gap: updates may have been missed, ask for your open orders.</summary>
    internal sealed record ResyncLegs;

    /// <summary>From the router to an intent: stop, unless a message that came meanwhile gave you work.</summary>
    internal sealed record StopIfIdle;

    /// <summary>From an intent to the router: I was asked to stop but have work now; send me what you held back.</summary>
    internal sealed record StillBusy(IntentId Intent);
}
