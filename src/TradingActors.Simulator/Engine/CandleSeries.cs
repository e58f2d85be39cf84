namespace TradingActors.Simulator.Engine;

/// <summary>
/// One-minute candles of one symbol on one market, kept for REST klines: a seeded synthetic history that ends at the
/// start price (so strategies can warm up at once), then the live price path and prints.
/// </summary>
internal sealed class CandleSeries
{
    private const long Minute = 60_000;
    private const int Capacity = 1500;
    private readonly List<Candle> _candles = [];

    public CandleSeries(string symbol, decimal startPrice, long startMs, long seed, int historyMinutes)
    {
        var random = new Random(unchecked((int)(seed * 7919) ^ symbol.GetHashCode(StringComparison.Ordinal) ^ 0x5EED));
        var firstOpen = (startMs / Minute * Minute) - (historyMinutes * Minute);
        var closes = new decimal[historyMinutes + 1];
        closes[historyMinutes] = startPrice;
        for (var i = historyMinutes; i > 0; i--)
        {
            var u1 = 1.0 - random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            closes[i - 1] = closes[i] / (decimal)Math.Exp(0.0015 * normal);
        }

        for (var i = 0; i < historyMinutes; i++)
        {
            var open = closes[i];
            var close = closes[i + 1];
            var wick = (decimal)(random.NextDouble() * 0.0005);
            var volume = Math.Round((decimal)(random.NextDouble() * 50_000) / startPrice, 4);
            _candles.Add(new Candle(firstOpen + (i * Minute))
            {
                Open = open,
                High = Math.Max(open, close) * (1 + wick),
                Low = Math.Min(open, close) * (1 - wick),
                Close = close,
                Volume = volume,
                QuoteVolume = volume * close,
                Trades = random.Next(10, 500),
            });
        }
    }

    public void Update(long time, decimal price, decimal qty)
    {
        var open = time / Minute * Minute;
        var last = _candles.Count == 0 ? null : _candles[^1];
        if (last is null || last.OpenTime < open)
        {
            last = new Candle(open) { Open = last?.Close ?? price, High = price, Low = price, Close = price };
            last.High = Math.Max(last.High, last.Open);
            last.Low = Math.Min(last.Low, last.Open);
            _candles.Add(last);
            if (_candles.Count > Capacity)
            {
                _candles.RemoveRange(0, _candles.Count - Capacity);
            }
        }
        else if (last.OpenTime > open)
        {
            return;
        }

        last.Close = price;
        last.High = Math.Max(last.High, price);
        last.Low = Math.Min(last.Low, price);
        if (qty > 0)
        {
            last.Volume += qty;
            last.QuoteVolume += qty * price;
            last.Trades++;
        }
    }

    public List<Kline> Query(long intervalMs, long? startTime, long? endTime, int limit)
    {
        var grouped = _candles
            .GroupBy(c => c.OpenTime / intervalMs * intervalMs)
            .Select(g => new Kline(
                g.Key,
                g.Key + intervalMs - 1,
                g.First().Open,
                g.Max(c => c.High),
                g.Min(c => c.Low),
                g.Last().Close,
                g.Sum(c => c.Volume),
                g.Sum(c => c.QuoteVolume),
                g.Sum(c => c.Trades)))
            .Where(k => (startTime is null || k.OpenTime >= startTime) && (endTime is null || k.OpenTime <= endTime))
            .ToList();
        return startTime is null ? grouped.Skip(Math.Max(0, grouped.Count - limit)).ToList() : grouped.Take(limit).ToList();
    }

    private sealed class Candle(long openTime)
    {
        public long OpenTime { get; } = openTime;

        public decimal Open { get; init; }

        public decimal High { get; set; }

        public decimal Low { get; set; }

        public decimal Close { get; set; }

        public decimal Volume { get; set; }

        public decimal QuoteVolume { get; set; }

        public long Trades { get; set; }
    }
}
