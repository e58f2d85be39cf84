namespace TradingActors.Exchange;

/// <summary>
/// A spot one-cancels-the-other pair protecting a holding: a take-profit limit leg and a stop leg.
/// With <see cref="StopLimitPrice"/> the stop leg is a stop-limit, otherwise a stop-market.
/// </summary>
public sealed record OcoOrderRequest
{
    public required Symbol Symbol { get; init; }
    public required ClientOrderId ListClientOrderId { get; init; }
    public required OrderSide Side { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal TakeProfitPrice { get; init; }
    public required decimal StopPrice { get; init; }
    public decimal? StopLimitPrice { get; init; }
    public ClientOrderId? TakeProfitClientOrderId { get; init; }
    public ClientOrderId? StopClientOrderId { get; init; }
}
