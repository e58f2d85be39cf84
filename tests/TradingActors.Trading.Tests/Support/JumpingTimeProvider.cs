namespace TradingActors.Trading.Tests.Support;

/// <summary>
/// A clock that runs with the wall clock, so a cluster, its shards and the journal keep working, and that a test can
/// move forward at once (<see cref="Advance"/>): every timer due by then fires, a periodic one once (as a timer does
/// on a machine that was busy), and due work fires in order.
/// </summary>
public sealed class JumpingTimeProvider : TimeProvider, IDisposable
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(5);
    private readonly Lock _lock = new();
    private readonly List<JumpTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp = System.GetTimestamp();
    private readonly ITimer _pump;
    private TimeSpan _offset;

    public JumpingTimeProvider(DateTimeOffset start)
    {
        _start = start;
        _pump = System.CreateTimer(_ => FireDue(), null, Resolution, Resolution);
    }

    public override long TimestampFrequency => System.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    public override long GetTimestamp() => _startTimestamp + (long)(Elapsed.TotalSeconds * TimestampFrequency);

    private TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return System.GetElapsedTime(_startTimestamp) + _offset;
            }
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> and fires what fell due.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _offset += by;
        }

        FireDue();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void Dispose() => _pump.Dispose();

    private void FireDue()
    {
        var now = GetUtcNow();
        List<JumpTimer> due;
        lock (_lock)
        {
            due = _timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                timer.DueAt = timer.Period > TimeSpan.Zero ? now + timer.Period : DateTimeOffset.MaxValue;
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class JumpTimer(JumpingTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MaxValue;

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock.GetUtcNow() + dueTime;
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
