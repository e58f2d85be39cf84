namespace TradingActors.Actors.Internal;

/// <summary>A temporary watcher for GracefulStop: true when the target terminated, false on timeout.</summary>
internal sealed class WatchPromise : TaskCompletionSource<bool>, IInternalActorRef
{
    private static readonly ActorPath DetachedTempRoot = new("temp");
    private readonly ActorSystem? _system;
    private ITimer? _timer;
    private ActorPath? _path;

    public WatchPromise(ActorSystem? system)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
    }

    public ActorPath Path => _path ??= _system?.NewTempPath() ?? DetachedTempRoot.Child("$watch", 0);

    public void Start(TimeProvider time, TimeSpan timeout)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            var timer = time.CreateTimer(static s => ((WatchPromise)s!).Complete(false), this, timeout, Timeout.InfiniteTimeSpan);
            if (Interlocked.CompareExchange(ref _timer, timer, null) is not null)
            {
                timer.Dispose();
            }
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            Complete(true);
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    private void Complete(bool terminated)
    {
        if (TrySetResult(terminated))
        {
            Interlocked.Exchange(ref _timer, CompletedTimer.Instance)?.Dispose();
        }
    }
}
