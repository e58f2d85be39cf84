namespace TradingActors.Exchange;

/// <summary>What became of an order list (OCO) request; see <see cref="OrderOutcome"/>.</summary>
public abstract record OrderListOutcome
{
    private OrderListOutcome()
    {
    }

    public sealed record Accepted(OrderListSnapshot OrderList) : OrderListOutcome;

    public sealed record Rejected(int Code, string Message) : OrderListOutcome;

    public sealed record Unknown(string Reason) : OrderListOutcome;
}
