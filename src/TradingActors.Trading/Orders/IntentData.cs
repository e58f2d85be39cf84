using TradingActors.Trading.Domain;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>An intent as the fold of its events; live processing and recovery share <see cref="Apply"/>.</summary>
public sealed record IntentData
{
    public static readonly IntentData Empty = new();

    public IntentStatus Status { get; init; } = IntentStatus.New;
    public IntentId Id { get; init; }
    public OrderIntentSpec? Spec { get; init; }
    public PositionId? Owner { get; init; }

    /// <summary>Legs in the order they were sent.</summary>
    public IReadOnlyList<LegData> Legs { get; init; } = [];
    public string Reason { get; init; } = string.Empty;
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsTerminal => Status is IntentStatus.Completed or IntentStatus.Failed;

    public decimal FilledQuantity => Legs.Where(l => l.Kind != LegKind.Cancel).Sum(l => l.ExecutedQuantity);

    public decimal Fees => Legs.Sum(l => l.Fees);

    public bool AwaitsTrades => Legs.Any(l => l.AwaitsTrades);

    public decimal AveragePrice
    {
        get
        {
            var filled = FilledQuantity;
            return filled == 0m ? 0m : Legs.Where(l => l.Kind != LegKind.Cancel).Sum(l => l.ExecutedQuantity * l.ExecutionPrice) / filled;
        }
    }

    public LegData? Leg(string leg) => Legs.FirstOrDefault(l => l.Leg == leg);

    public IntentData Apply(IIntentEvent evt) => evt switch
    {
        IntentSubmitted e => this with { Status = IntentStatus.Working, Id = e.Id, Spec = e.Spec, Owner = e.Owner, SubmittedAt = e.At },
        OrderSending e => this with { Legs = [.. Legs, new LegData(e.Leg, e.ClientOrderId, e.Kind, e.Side, e.Quantity, e.Price) { SentAt = e.At }] },
        OrderProgressed e => WithLeg(e.Leg, l => l with
        {
            Status = e.Status, ExecutedQuantity = e.ExecutedQuantity, AveragePrice = e.AveragePrice, Fees = e.Fees, IsUnknown = false,
            OrderId = e.OrderId ?? l.OrderId,
        }),
        FillRecorded e => WithLeg(e.Leg, l => l with
        {
            OrderId = e.OrderId, TradeIds = new HashSet<long>(l.TradeIds) { e.TradeId }, FilledByTrades = l.FilledByTrades + e.Quantity,
            TradedNotional = l.TradedNotional + (e.Quantity * e.Price), Fees = l.Fees + e.QuoteFee, BaseFees = l.BaseFees + e.BaseFee,
        }),
        OrderRejected e => WithLeg(e.Leg, l => l with { RejectCode = e.Code, RejectMessage = e.Message, IsUnknown = false }),
        OrderOutcomeUnknown e => WithLeg(e.Leg, l => l with { IsUnknown = true }),
        ProtectionEstablished e => WithLeg(e.Leg, l => l with { Protection = e.Kind, TriggerPrice = e.TriggerPrice }) with { Status = IntentStatus.Armed },
        IntentFinished e => this with { Status = e.Status, Reason = e.Reason, FinishedAt = e.At },
        _ => throw new ArgumentException($"Unknown intent event {evt.GetType().Name}.", nameof(evt)),
    };

    private IntentData WithLeg(string leg, Func<LegData, LegData> change) =>
        this with { Legs = Legs.Select(l => l.Leg == leg ? change(l) : l).ToList() };
}
