namespace TradingActors.Actors.Internal;

/// <summary>
/// The temporary reply target of an Ask: not an actor, just a task completion source that accepts one reply.
/// A <see cref="Status.Failure"/> faults the task; a late reply goes to dead letters.
/// </summary>
internal sealed class PromiseActorRef<T> : TaskCompletionSource<T>, IInternalActorRef
{
    private static readonly ActorPath DetachedTempRoot = new("temp");
    private readonly ActorSystem? _system;
    private readonly IActorRef _target;
    private ITimer? _timer;
    private CancellationTokenRegistration _registration;
    private ActorPath? _path;

    public PromiseActorRef(ActorSystem? system, IActorRef target)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
        _target = target;
    }

    public ActorPath Path => _path ??= _system?.NewTempPath() ?? DetachedTempRoot.Child("$ask", 0);

    public void Start(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static s => ((PromiseActorRef<T>)s!).OnCancelled(), this);
        }

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            var timer = time.CreateTimer(static s => ((PromiseActorRef<T>)s!).OnTimeout(), this, timeout, Timeout.InfiniteTimeSpan);
            if (Interlocked.CompareExchange(ref _timer, timer, null) is not null)
            {
                timer.Dispose();
            }
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            Status.Failure failure => TrySetException(failure.Cause),
            T reply => TrySetResult(reply),
            _ => TrySetException(new InvalidCastException(
                $"Ask of {_target.Path} expected a reply of type {typeof(T).Name} but got {message.GetType().Name}.")),
        };
        if (completed)
        {
            Cleanup();
        }
        else
        {
            _system?.DeadLetters.Tell(message, sender);
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    private void OnTimeout()
    {
        if (TrySetException(new AskTimeoutException($"Ask of {_target.Path} timed out.")))
        {
            Cleanup();
        }
    }

    private void OnCancelled()
    {
        if (TrySetCanceled())
        {
            Cleanup();
        }
    }

    private void Cleanup()
    {
        Interlocked.Exchange(ref _timer, CompletedTimer.Instance)?.Dispose();
        _registration.Dispose();
    }
}

/// <summary>A placeholder that marks a promise's timer slot as finished.</summary>
internal sealed class CompletedTimer : ITimer
{
    public static CompletedTimer Instance { get; } = new();

    public bool Change(TimeSpan dueTime, TimeSpan period) => false;

    public void Dispose()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
