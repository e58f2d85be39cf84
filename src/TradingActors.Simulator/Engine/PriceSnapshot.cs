namespace TradingActors.Simulator.Engine;

/// <summary>The prices of one symbol on one market: last trade, mark and index (futures), best bid and ask.</summary>
public sealed record PriceSnapshot(MarketKind Market, string Symbol, decimal Last, decimal Mark, decimal Index, decimal Bid, decimal Ask, long Time)
{
    /// <summary>Quantity on the best bid level of the synthetic book.</summary>
    public decimal BidQty { get; init; }

    /// <summary>Quantity on the best ask level of the synthetic book.</summary>
    public decimal AskQty { get; init; }

    /// <summary>The book's update id: REST depth's <c>lastUpdateId</c> and the diff-depth streams' <c>u</c>.</summary>
    public long UpdateId { get; init; }
}
