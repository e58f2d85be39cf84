using TradingActors.Exchange;

namespace TradingActors.Trading.Risk;

public static class RiskProtocol
{
    /// <summary>Pre-trade check; answered by <see cref="EntryApproved"/> or <see cref="EntryDenied"/>.</summary>
    public sealed record CheckEntry(Market Market, Symbol Symbol, decimal Quantity, decimal Price);

    /// <summary>Approved: the entry holds <paramref name="Reservation"/> against the limits until its position appears.</summary>
    public sealed record EntryApproved(Guid Reservation);

    public sealed record EntryDenied(string Reason);

    /// <summary>An approved entry that will not open after all (the position refused it): its reservation ends now.</summary>
    public sealed record ReleaseEntry(Guid Reservation);

    /// <summary>Stops the strategies, closes every position and cancels open orders. Answered by <see cref="KillSwitchEngaged"/>.</summary>
    public sealed record EngageKillSwitch;

    public sealed record KillSwitchEngaged(int ClosedPositions, int CancelledOrders);

    /// <summary>Allows entries again after a kill switch.</summary>
    public sealed record ResetKillSwitch;

    /// <summary>Answered by <see cref="RiskStatus"/>.</summary>
    public sealed record GetRiskStatus;

    public sealed record RiskStatus(bool KillSwitchEngaged, decimal DailyRealizedPnl, bool EntriesHalted);
}
