namespace TradingActors.Actors.Internal;

/// <summary>Lifecycle and supervision traffic; travels on its own queue, drained before user messages.</summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage
{
    public static Create Instance { get; } = new();
}

internal sealed record Terminate : SystemMessage
{
    public static Terminate Instance { get; } = new();
}

/// <summary>Resumes user messages; <paramref name="CausedByFailure"/> when it answers this actor's own failure.</summary>
internal sealed record ResumeActor(bool CausedByFailure) : SystemMessage
{
    public static ResumeActor AfterFailure { get; } = new(true);

    public static ResumeActor AfterSuspend { get; } = new(false);
}

/// <summary>Sent to the children of a failed actor: they hold their user messages until it is resumed or restarted.</summary>
internal sealed record Suspend : SystemMessage
{
    public static Suspend Instance { get; } = new();
}

internal sealed record Recreate(Exception Cause) : SystemMessage;

internal sealed record Failed(LocalActorRef Child, Exception Cause) : SystemMessage;

internal sealed record ChildTerminated(LocalActorRef Child) : SystemMessage;

internal sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : SystemMessage;

internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

internal sealed record RunContinuation(ActorSynchronizationContext Context, SendOrPostCallback Callback, object? State) : SystemMessage;

internal sealed record TaskCompleted(Task Task, int Incarnation) : SystemMessage;
