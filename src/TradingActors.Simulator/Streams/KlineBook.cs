using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Streams;

/// <summary>Candles built from the price path and the prints, per market, symbol and interval, for kline streams.</summary>
internal sealed class KlineBook
{
    private static readonly Dictionary<string, long> Intervals = new(StringComparer.Ordinal)
    {
        ["1s"] = 1_000, ["1m"] = 60_000, ["3m"] = 180_000, ["5m"] = 300_000, ["15m"] = 900_000, ["30m"] = 1_800_000,
        ["1h"] = 3_600_000, ["2h"] = 7_200_000, ["4h"] = 14_400_000, ["6h"] = 21_600_000, ["8h"] = 28_800_000,
        ["12h"] = 43_200_000, ["1d"] = 86_400_000, ["3d"] = 259_200_000, ["1w"] = 604_800_000, ["1M"] = 2_592_000_000,
    };

    private readonly Dictionary<(MarketKind, string, string), Candle> _candles = [];

    public static bool IsInterval(string interval) => Intervals.ContainsKey(interval);

    /// <summary>Updates the candle; returns the one that closed if the time crossed into a new interval.</summary>
    public (Candle Current, Candle? Closed) Update(MarketKind market, string symbol, string interval, long time, decimal price, decimal qty, long tradeId)
    {
        var length = Intervals[interval];
        var open = time / length * length;
        Candle? closed = null;
        if (!_candles.TryGetValue((market, symbol, interval), out var candle) || candle.OpenTime != open)
        {
            if (candle is not null)
            {
                candle.Closed = true;
                closed = candle;
            }

            candle = new Candle { OpenTime = open, CloseTime = open + length - 1, Interval = interval, Open = price, High = price, Low = price, Close = price, FirstTradeId = tradeId, LastTradeId = tradeId };
            _candles[(market, symbol, interval)] = candle;
        }

        candle.Close = price;
        candle.High = Math.Max(candle.High, price);
        candle.Low = Math.Min(candle.Low, price);
        if (qty > 0)
        {
            candle.Volume += qty;
            candle.QuoteVolume += qty * price;
            candle.Trades++;
            candle.LastTradeId = tradeId;
            if (candle.FirstTradeId < 0)
            {
                candle.FirstTradeId = tradeId;
            }
        }

        return (candle, closed);
    }

    internal sealed class Candle
    {
        public long OpenTime { get; init; }

        public long CloseTime { get; init; }

        public required string Interval { get; init; }

        public decimal Open { get; init; }

        public decimal High { get; set; }

        public decimal Low { get; set; }

        public decimal Close { get; set; }

        public decimal Volume { get; set; }

        public decimal QuoteVolume { get; set; }

        public long Trades { get; set; }

        public long FirstTradeId { get; set; }

        public long LastTradeId { get; set; }

        public bool Closed { get; set; }
    }
}
