using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>Request weight and order counts in fixed windows, reported in the X-MBX-* headers.</summary>
internal sealed class RateCounters(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(MarketKind Market, string Window), (long Bucket, int Count)> _counts = [];

    public int AddWeight(MarketKind market, int weight) => Add(market, "WEIGHT-1M", 60_000, weight);

    public IReadOnlyList<(string Header, int Count)> AddOrder(MarketKind market) => market == MarketKind.Spot
        ? [("X-MBX-ORDER-COUNT-10S", Add(market, "ORDER-10S", 10_000, 1)), ("X-MBX-ORDER-COUNT-1D", Add(market, "ORDER-1D", 86_400_000, 1))]
        : [("X-MBX-ORDER-COUNT-10S", Add(market, "ORDER-10S", 10_000, 1)), ("X-MBX-ORDER-COUNT-1M", Add(market, "ORDER-1M", 60_000, 1))];

    /// <summary>Spot order counts in the current 10-second and day windows (rateLimit/order).</summary>
    public (int TenSeconds, int Day) SpotOrderCounts() => (Add(MarketKind.Spot, "ORDER-10S", 10_000, 0), Add(MarketKind.Spot, "ORDER-1D", 86_400_000, 0));

    private int Add(MarketKind market, string window, long lengthMs, int amount)
    {
        var bucket = clock.GetUtcNow().ToUnixTimeMilliseconds() / lengthMs;
        lock (_gate)
        {
            var current = _counts.TryGetValue((market, window), out var c) && c.Bucket == bucket ? c.Count : 0;
            _counts[(market, window)] = (bucket, current + amount);
            return current + amount;
        }
    }
}
