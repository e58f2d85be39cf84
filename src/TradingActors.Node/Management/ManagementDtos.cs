using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Strategy;

namespace TradingActors.Node.Management;

/// <summary>What the management API answers; shaped for JSON, apart from the actors' own records.</summary>
public static class ManagementDtos
{
    public sealed record ErrorBody(string Error, string? Field = null);

    public sealed record CheckResult(string Name, bool Ok, string Detail);

    public sealed record Readiness(bool Ready, IReadOnlyList<CheckResult> Checks);

    public sealed record ProtectionBody(string Kind, string ClientOrderId, decimal TriggerPrice, DateTimeOffset ArmedAt);

    public sealed record PositionBody(
        string Id,
        string Market,
        string Symbol,
        string Direction,
        string State,
        decimal RequestedQuantity,
        decimal Quantity,
        decimal EntryPrice,
        decimal? StopPrice,
        decimal? TakeProfitPrice,
        decimal UnrealizedPnl,
        decimal RealizedPnl,
        decimal Fees,
        decimal? ExitPrice,
        string? CloseReason,
        string Origin,
        DateTimeOffset OpenedAt,
        DateTimeOffset? ClosedAt,
        IReadOnlyList<ProtectionBody> Protections)
    {
        public static PositionBody From(PositionProtocol.PositionView view)
        {
            ArgumentNullException.ThrowIfNull(view);
            var d = view.Data;
            return new PositionBody(
                d.Id.Value, d.Market.ToString(), d.Symbol.Value, d.Direction.ToString(), d.State.ToString(), d.RequestedQuantity, d.Quantity,
                d.EntryPrice, d.StopPrice, d.TakeProfitPrice, view.UnrealizedPnl, d.RealizedPnl, d.Fees, d.ExitPrice, d.CloseReason?.ToString(),
                d.Origin, d.OpenedAt, d.ClosedAt,
                [.. d.Protections.Values.Select(p => new ProtectionBody(p.Kind.ToString(), p.ClientOrderId.Value, p.TriggerPrice, p.ArmedAt))]);
        }
    }

    public sealed record JournalEventBody(long SequenceNr, long Offset, string Type, DateTimeOffset Timestamp, object Event);

    public sealed record PositionDetailBody(PositionBody Position, IReadOnlyList<JournalEventBody> Events);

    public sealed record LegBody(string Leg, string ClientOrderId, string Kind, string Side, decimal Quantity, decimal? Price, string? Status, decimal ExecutedQuantity);

    public sealed record IntentBody(
        string Id, string? Owner, string Market, string Symbol, string Type, string Status, decimal FilledQuantity, decimal AveragePrice, string Reason,
        IReadOnlyList<LegBody> Legs)
    {
        public static IntentBody From(IntentProtocol.IntentReport report)
        {
            ArgumentNullException.ThrowIfNull(report);
            return new IntentBody(
                report.Id.Value, report.Owner?.Value, report.Spec.Market.ToString(), report.Spec.Symbol.Value, report.Spec.GetType().Name, report.Status.ToString(),
                report.FilledQuantity, report.AveragePrice, report.Reason,
                [.. report.Legs.Select(l => new LegBody(l.Leg, l.ClientOrderId.Value, l.Kind.ToString(), l.Side.ToString(), l.Quantity, l.Price, l.Status?.ToString(), l.ExecutedQuantity))]);
        }
    }

    public sealed record SignalBody(
        string Strategy, string Side, decimal Confidence, string Decision, string? Position, decimal Price, decimal Quantity, string Revision, DateTimeOffset At)
    {
        public static SignalBody From(StrategyProtocol.SignalRecorded s)
        {
            ArgumentNullException.ThrowIfNull(s);
            return new SignalBody(s.Strategy, s.Side, s.Confidence, s.Decision, s.Position?.Value, s.Price, s.Quantity, s.Revision, s.At);
        }
    }

    public sealed record OpenedBody(string Result, string Id, string State);

    public sealed record DeniedBody(string Result, string Error);

    public sealed record CloseBody(string Result, string Id, string? State = null);

    public sealed record StopBody(string Result, string Id, decimal StopPrice, string? Reason = null);

    public sealed record KillSwitchBody(string Result, int ClosedPositions, int CancelledOrders);
}
