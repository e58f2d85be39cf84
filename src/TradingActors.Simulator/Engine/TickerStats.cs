namespace TradingActors.Simulator.Engine;

/// <summary>A rolling-window ticker (24hr ticker, rolling ticker, the ticker streams).</summary>
public sealed record TickerStats(
    string Symbol,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Last,
    decimal LastQty,
    decimal Volume,
    decimal QuoteVolume,
    long OpenTime,
    long CloseTime,
    long FirstId,
    long LastId,
    long Count)
{
    public decimal PriceChange => Last - Open;

    public decimal PriceChangePercent => Open == 0 ? 0 : Math.Round((Last - Open) / Open * 100m, 3);

    public decimal WeightedAvgPrice => Volume == 0 ? Last : QuoteVolume / Volume;
}
