using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Orders;

/// <summary>Messages of the order intents (sharded entities, addressed by <see cref="IIntentCommand.Key"/>).</summary>
public static class IntentProtocol
{
    /// <summary>A message for one intent; <see cref="Key"/> is its entity id.</summary>
    public interface IIntentCommand
    {
        string Key { get; }
    }

    /// <summary>
    /// Work <paramref name="Spec"/> under <paramref name="Id"/>. The sender gets an <see cref="IntentReport"/> once the
    /// intent is journaled; submitting an id again answers its current report and sends nothing new. Every later
    /// change is reported to the <paramref name="Owner"/> position.
    /// </summary>
    public sealed record SubmitIntent(IntentId Id, OrderIntentSpec Spec, PositionId? Owner = null) : IIntentCommand
    {
        public string Key => ClientOrderIds.IntentKey(Id);
    }

    /// <summary>Stop working an intent: cancel its resting order, or disarm its guard stop.</summary>
    public sealed record CancelIntent(IntentId Id) : IIntentCommand
    {
        public string Key => ClientOrderIds.IntentKey(Id);
    }

    /// <summary>Answered by <see cref="IntentReport"/>, or <see cref="IntentNotFound"/> for an id never submitted.</summary>
    public sealed record GetIntent(IntentId Id) : IIntentCommand
    {
        public string Key => ClientOrderIds.IntentKey(Id);
    }

    /// <summary>Answered by <see cref="IntentReport"/>, or <see cref="IntentNotFound"/>: the intent of an entity id (listings).</summary>
    public sealed record GetIntentOf(string Key) : IIntentCommand;

    public sealed record IntentNotFound(string Key);

    /// <summary>After a stream gap: updates may have been missed, ask the exchange for your open orders.</summary>
    public sealed record ResyncLegs(string Key) : IIntentCommand;

    /// <summary>An intent's state; sent to the submitter and, on every change, to the owner position.</summary>
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
}
