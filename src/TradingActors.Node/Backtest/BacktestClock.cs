namespace TradingActors.Node.Backtest;

/// <summary>
/// The virtual time of a backtest: it moves only when the driver moves it (<see cref="AdvanceTo"/>), and then fires the
/// timers that fell due, in due order (ties in the order they were armed), on the driver's thread. A periodic timer
/// fires at most once per advance, as a timer does on a busy machine: the driver advances in steps shorter than any
/// business timer (bars, deadlines), so only Akka's own ticks (gossip, journal polling) are folded, which keeps a week
/// of data from costing millions of idle ticks.
/// </summary>
public sealed class BacktestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    public BacktestClock(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>When the earliest armed timer falls due; null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                DateTimeOffset? next = null;
                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                }

                return next;
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="target"/> (never back) and fires what fell due on the way.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        var fired = new HashSet<VirtualTimer>();
        while (true)
        {
            VirtualTimer? next = null;
            lock (_lock)
            {
                if (target < _now)
                {
                    return;
                }

                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && due <= target && !fired.Contains(timer)
                        && (next is null || due < next.Due || (due == next.Due && timer.Sequence < next.Sequence)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.Due > _now)
                {
                    _now = next.Due.Value;
                }

                if (next.Period is { } period)
                {
                    // Folded: the next occurrence after the target, on the timer's own grid.
                    var due = next.Due!.Value + period;
                    if (due <= target)
                    {
                        due += TimeSpan.FromTicks((target - due).Ticks / period.Ticks * period.Ticks) + period;
                    }

                    next.Due = due;
                    next.Sequence = ++_sequence;
                    fired.Add(next);
                }
                else
                {
                    next.Due = null;
                }
            }

            next.Callback(next.State);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
            Arm(timer, dueTime, period);
        }

        return timer;
    }

    private void Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
        timer.Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period;
        timer.Sequence = ++_sequence;
    }

    private bool Change(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (!_timers.Contains(timer))
            {
                return false;
            }

            Arm(timer, dueTime, period);
            return true;
        }
    }

    private void Remove(VirtualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class VirtualTimer(BacktestClock owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Change(this, dueTime, period);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
