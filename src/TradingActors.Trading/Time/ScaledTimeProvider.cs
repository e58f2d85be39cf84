namespace TradingActors.Trading.Time;

/// <summary>
/// Paper mode's virtual time: a clock that runs <c>speed</c> times faster than the one it wraps, from the moment it
/// is created. Timers fire after a <c>speed</c>-th of their span, so every component given this clock (actors,
/// simulator, connector) sees the same accelerated time and nothing but the wall clock of the operator changes.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly double _speed;
    private readonly DateTimeOffset _origin;
    private readonly long _originTimestamp;

    public ScaledTimeProvider(double speed, TimeProvider? inner = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1d);
        _inner = inner ?? System;
        _speed = speed;
        _origin = _inner.GetUtcNow();
        _originTimestamp = _inner.GetTimestamp();
    }

    /// <summary>
    /// A span of the operator's wall clock on <paramref name="clock"/>: what a person waits for (an HTTP answer,
    /// a kill switch) must not shrink when the node runs faster.
    /// </summary>
    public static TimeSpan OfRealTime(TimeProvider clock, TimeSpan span) => clock is ScaledTimeProvider scaled ? span * scaled._speed : span;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _origin + _inner.GetElapsedTime(_originTimestamp) * _speed;

    public override long GetTimestamp() => _originTimestamp + (long)((_inner.GetTimestamp() - _originTimestamp) * _speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    // A positive span never shrinks to zero: a zero period would turn a periodic timer into a one-shot.
    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(span.Ticks / _speed)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Shrink(dueTime), clock.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
