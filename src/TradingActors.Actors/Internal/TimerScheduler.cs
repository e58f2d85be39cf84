namespace TradingActors.Actors.Internal;

/// <summary>
/// Keyed timers on the system's TimeProvider. Each start gets a new generation; a delivered timer message counts
/// only if it is still the current entry for its key, so a replaced or cancelled timer's message is dropped even
/// when it was already in the mailbox.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, TimerMessage> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A timer delay must not be negative.");
        }

        Start(key, message, delay, Timeout.InfiniteTimeSpan);
    }

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (initialDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(initialDelay), initialDelay, "A timer delay must not be negative.");
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer's interval must be positive.");
        }

        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var timer))
        {
            timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>On delivery: true if this is still the live timer for its key (a single timer is then done).</summary>
    internal bool TryTake(TimerMessage timer)
    {
        if (!_timers.TryGetValue(timer.Key, out var current) || !ReferenceEquals(current, timer) || current.Generation != timer.Generation)
        {
            return false;
        }

        if (!timer.Periodic)
        {
            _timers.Remove(timer.Key);
            timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var timer = new TimerMessage(key, message, ++_generation, period != Timeout.InfiniteTimeSpan, cell.SelfRef, cell.System.TimeProvider);
        _timers[key] = timer;
        timer.Arm(delay, period);
    }
}

/// <summary>A running timer; it is also the message it sends, so firing allocates nothing.</summary>
internal sealed class TimerMessage : IDisposable
{
    private readonly IActorRef _owner;
    private readonly ITimer _timer;

    public TimerMessage(object key, object message, long generation, bool periodic, IActorRef owner, TimeProvider time)
    {
        Key = key;
        Message = message;
        Generation = generation;
        Periodic = periodic;
        _owner = owner;
        _timer = time.CreateTimer(static s => ((TimerMessage)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public object Key { get; }

    public object Message { get; }

    public long Generation { get; }

    public bool Periodic { get; }

    public void Arm(TimeSpan delay, TimeSpan period) => _timer.Change(delay, period);

    public void Dispose() => _timer.Dispose();

    private void Fire() => _owner.Tell(this);
}
