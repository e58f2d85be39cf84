namespace TradingActors.Exchange;

/// <summary>One futures funding settlement of our position (income type FUNDING_FEE): negative when we paid.</summary>
public sealed record FundingPayment
{
    public required Symbol Symbol { get; init; }
    public required decimal Amount { get; init; }
    public string Asset { get; init; } = string.Empty;
    public DateTimeOffset Time { get; init; }
}
