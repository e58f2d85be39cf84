namespace TradingActors.Exchange;

/// <summary>
/// What became of a request that may create or change an order. <see cref="Unknown"/> means the venue
/// may or may not have acted (timeout, 5xx, backend timeout) and querying by client id did not settle
/// it: it is never a rejection.
/// </summary>
public abstract record OrderOutcome
{
    private OrderOutcome()
    {
    }

    public sealed record Accepted(OrderSnapshot Order) : OrderOutcome;

    public sealed record Rejected(int Code, string Message) : OrderOutcome;

    public sealed record Unknown(string Reason) : OrderOutcome;
}
