namespace TradingActors.Binance.Common;

/// <summary>
/// Local time corrected by the measured offset to the venue's clock, so signed timestamps fall inside
/// the recvWindow even when the local clock drifts.
/// </summary>
internal sealed class ServerClock(TimeProvider time)
{
    private long _offsetMs;
    private long _lastSyncTicks = long.MinValue;

    public TimeSpan Offset => TimeSpan.FromMilliseconds(Interlocked.Read(ref _offsetMs));

    public long NowMilliseconds => time.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _offsetMs);

    public bool NeedsSync(TimeSpan interval) =>
        Interlocked.Read(ref _lastSyncTicks) == long.MinValue
        || time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastSyncTicks) > interval.Ticks;

    /// <summary>Records a server time read between two local instants (assumes symmetric latency).</summary>
    public void Update(long serverTimeMs, DateTimeOffset sentAt, DateTimeOffset receivedAt)
    {
        var midpoint = sentAt.ToUnixTimeMilliseconds() + ((receivedAt - sentAt).Ticks / TimeSpan.TicksPerMillisecond / 2);
        Interlocked.Exchange(ref _offsetMs, serverTimeMs - midpoint);
        Interlocked.Exchange(ref _lastSyncTicks, receivedAt.UtcTicks);
    }

    public void Invalidate() => Interlocked.Exchange(ref _lastSyncTicks, long.MinValue);
}
