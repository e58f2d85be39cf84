using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace TradingActors.Trading.Time;

/// <summary>
/// Akka's scheduler on a <see cref="System.TimeProvider"/>: every scheduled tell, action, <c>IWithTimers</c> timer,
/// receive timeout and Akka-internal timeout becomes a timer of that clock, so a <c>FakeTimeProvider</c> fires due
/// work in order when it is advanced and a sped-up clock runs the whole actor system faster.
/// Plugged in with <c>akka.scheduler.implementation</c> by <see cref="TradingClock.Config"/>; Akka constructs it
/// and it finds its clock by the id under <see cref="TradingClock.ClockIdPath"/>.
/// </summary>
/// <remarks>
/// It deliberately does not implement <see cref="IDateTimeOffsetNowTimeProvider"/>: Akka reads that marker as "this
/// scheduler runs on the wall clock" and then lets <see cref="Cancelable.CancelAfter(TimeSpan)"/> use a wall-clock
/// <see cref="CancellationTokenSource"/> instead of the scheduler.
/// </remarks>
public sealed class TimeProviderScheduler : SchedulerBase, IDisposable
{
    private readonly ConcurrentDictionary<ScheduledWork, byte> _pending = new();
    private readonly long _originTimestamp;
    private volatile bool _disposed;

    public TimeProviderScheduler(Config config, ILoggingAdapter log) : base(config, log)
    {
        TimeProvider = TradingClockRegistry.Resolve(config.GetString(TradingClock.ClockIdPath, null));
        _originTimestamp = TimeProvider.GetTimestamp();
    }

    /// <summary>The clock this scheduler runs on.</summary>
    public TimeProvider TimeProvider { get; }

    public override TimeSpan MonotonicClock => TimeProvider.GetElapsedTime(_originTimestamp);

    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    protected override DateTimeOffset TimeNow => TimeProvider.GetUtcNow();

    public void Dispose()
    {
        _disposed = true;
        foreach (var work in _pending.Keys)
        {
            work.Dispose();
        }
    }

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(
        TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan interval, IRunnable action, ICancelable? cancelable)
    {
        // Akka's own scheduler refuses work after shutdown the same way, and CoordinatedShutdown expects this type.
        if (_disposed)
        {
            throw new SchedulerException("The scheduler has been shut down.");
        }

        if (cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        var work = new ScheduledWork(this, action, cancelable, interval != Timeout.InfiniteTimeSpan);
        _pending.TryAdd(work, 0);
        work.Start(delay, interval);
    }

    /// <summary>One scheduled item: a timer of the clock, removed when it has fired for the last time or is cancelled.</summary>
    private sealed class ScheduledWork(TimeProviderScheduler scheduler, IRunnable action, ICancelable? cancelable, bool repeating) : IDisposable
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private CancellationTokenRegistration _cancellation;
        private bool _done;

        public void Start(TimeSpan delay, TimeSpan interval)
        {
            // A fake clock may fire a due timer inside CreateTimer, before it is assigned here: Dispose then finds
            // no timer, and the check below disposes it.
            var timer = scheduler.TimeProvider.CreateTimer(static state => ((ScheduledWork)state!).Fire(), this, delay, interval);
            lock (_gate)
            {
                if (_done)
                {
                    timer.Dispose();
                    return;
                }

                _timer = timer;
            }

            if (cancelable is not null)
            {
                try
                {
                    // Registration runs Dispose at once when the token is already cancelled.
                    _cancellation = cancelable.Token.Register(static state => ((ScheduledWork)state!).Dispose(), this);
                }
                catch (ObjectDisposedException)
                {
                    // A disposed cancelable cannot be cancelled any more: the work fires as scheduled.
                }
            }
        }

        public void Dispose()
        {
            ITimer? timer;
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                timer = _timer;
            }

            timer?.Dispose();
            _cancellation.Dispose();
            scheduler._pending.TryRemove(this, out _);
        }

        private void Fire()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }
            }

            if (cancelable?.IsCancellationRequested == true)
            {
                Dispose();
                return;
            }

            if (!repeating)
            {
                Dispose();
            }

            try
            {
                action.Run();
            }
            catch (Exception e)
            {
                // A timer callback must not throw: on the system clock that would end the process.
                scheduler.Log.Error(e, "Scheduled work {0} failed", action);
            }
        }
    }

    private sealed class ScheduledTell(ICanTell receiver, object message, IActorRef sender) : IRunnable
    {
        public void Run() => receiver.Tell(message, sender);

        public void Execute() => Run();

        public override string ToString() => $"tell {message.GetType().Name} to {receiver}";
    }
}
