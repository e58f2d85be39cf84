namespace TradingActors.Actors.Internal;

internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ReceiveTimeoutArm? _receiveTimeoutArm;
    private long _lastActivityTicks;

    internal long LastActivityTicks => Volatile.Read(ref _lastActivityTicks);

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive (or null to turn it off).");
        }

        CancelReceiveTimeout();
        if (timeout is null)
        {
            return;
        }

        _receiveTimeout = timeout;
        MarkActivity();
        _receiveTimeoutArm = new ReceiveTimeoutArm(this, timeout.Value);
    }

    private void MarkActivity() => Volatile.Write(ref _lastActivityTicks, Now.UtcTicks);

    private void CancelReceiveTimeout()
    {
        _receiveTimeout = null;
        _receiveTimeoutArm?.Dispose();
        _receiveTimeoutArm = null;
    }

    private void HandleReceiveTimeoutTick(ReceiveTimeoutTick tick)
    {
        var arm = tick.Arm;
        if (!ReferenceEquals(arm, _receiveTimeoutArm))
        {
            return;
        }

        var idle = TimeSpan.FromTicks(Now.UtcTicks - LastActivityTicks);
        if (idle >= arm.Timeout)
        {
            MarkActivity();
            _currentMessage = ReceiveTimeout.Instance;
            Deliver(ReceiveTimeout.Instance);
        }

        // The handler may have changed or cancelled the timeout; only the arm still in place is re-armed.
        if (ReferenceEquals(arm, _receiveTimeoutArm))
        {
            arm.Rearm();
        }
    }
}

/// <summary>
/// One setting of the receive timeout. The timer only looks at the time of the last message, so processing a
/// message costs a clock read, not a timer reset.
/// </summary>
internal sealed class ReceiveTimeoutArm : IDisposable
{
    private readonly ActorCell _cell;
    private readonly ITimer _timer;
    private readonly ReceiveTimeoutTick _tick;

    public ReceiveTimeoutArm(ActorCell cell, TimeSpan timeout)
    {
        _cell = cell;
        Timeout = timeout;
        _tick = new ReceiveTimeoutTick(this);
        _timer = cell.System.TimeProvider.CreateTimer(static s => ((ReceiveTimeoutArm)s!).OnTimer(), this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Timeout { get; }

    public void Rearm()
    {
        var remaining = Timeout - TimeSpan.FromTicks(_cell.System.TimeProvider.GetUtcNow().UtcTicks - _cell.LastActivityTicks);
        _timer.Change(remaining > TimeSpan.Zero ? remaining : Timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        var idle = TimeSpan.FromTicks(_cell.System.TimeProvider.GetUtcNow().UtcTicks - _cell.LastActivityTicks);
        if (idle >= Timeout)
        {
            _cell.SelfRef.Tell(_tick);
        }
        else
        {
            _timer.Change(Timeout - idle, System.Threading.Timeout.InfiniteTimeSpan);
        }
    }
}

/// <summary>The receive-timeout timer's message to the actor; checked against the current arm on delivery.</summary>
internal sealed class ReceiveTimeoutTick(ReceiveTimeoutArm arm)
{
    public ReceiveTimeoutArm Arm { get; } = arm;
}
