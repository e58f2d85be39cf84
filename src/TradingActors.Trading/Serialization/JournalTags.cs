namespace TradingActors.Trading.Serialization;

/// <summary>
/// The journal tags the read side queries (Akka.Persistence.Query <c>EventsByTag</c>). <see cref="TradingTagger"/>
/// derives them from the events, so they are part of the journal's contract: never rename one.
/// </summary>
public static class JournalTags
{
    /// <summary>A fill changed a position: entry filled, exit partially filled, closed, orphan closed.</summary>
    public const string OrdersExecuted = "orders:executed";

    /// <summary>An exchange-held stop (or take profit, or trailing stop) was armed.</summary>
    public const string StopArmed = "risk:sl_arm";

    /// <summary>A spot OCO was armed.</summary>
    public const string OcoArmed = "spot:oco:armed";

    /// <summary>A local guard stop was armed (no exchange order can hold the stop).</summary>
    public const string GuardArmed = "guard:spot:arm";

    /// <summary>Something an operator must look at.</summary>
    public const string Alerts = "alerts";

    /// <summary>The reconciler acted on a difference, or finished a run.</summary>
    public const string Reconciled = "strategy:reconciled";

    /// <summary>Every event of every position: the read side's position listing follows it.</summary>
    public const string Positions = "positions";

    /// <summary>A strategy journaled a signal and its decision.</summary>
    public const string Signals = "signals";
}
