namespace TradingActors.Simulator.Engine;

/// <summary>
/// Binance's history paging: <see cref="FromId"/> (ids from it on), <see cref="StartTime"/>/<see cref="EndTime"/> (inclusive),
/// <see cref="Limit"/>. With a lower bound the oldest matches come first; without one, the newest <see cref="Limit"/>.
/// </summary>
public sealed record HistoryQuery
{
    public long? FromId { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    /// <summary>Only items of this order (trade queries).</summary>
    public long? OrderId { get; init; }

    public int Limit { get; init; } = 500;

    public static HistoryQuery Latest(int limit) => new() { Limit = limit };

    public List<T> Page<T>(IEnumerable<T> items, Func<T, long> id, Func<T, long> time, Func<T, long>? orderId = null)
    {
        var matches = items.Where(i =>
            (FromId is not { } from || id(i) >= from)
            && (StartTime is not { } start || time(i) >= start)
            && (EndTime is not { } end || time(i) <= end)
            && (OrderId is not { } order || orderId is null || orderId(i) == order)).ToList();
        return FromId is not null || StartTime is not null
            ? matches.Take(Limit).ToList()
            : matches.Skip(Math.Max(0, matches.Count - Limit)).ToList();
    }
}
