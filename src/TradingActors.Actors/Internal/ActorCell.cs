using Microsoft.Extensions.Logging;

namespace TradingActors.Actors.Internal;

/// <summary>
/// The runtime side of one actor: current instance, mailbox, children, watchers, stash, timers. Everything but the
/// children table is touched only on the actor's own turn (one thread at a time, handed over by the mailbox).
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? _creating;

    private readonly ActorSystem _system;
    private readonly Props _props;
    private readonly IInternalActorRef _parent;
    private readonly Mailbox _mailbox;
    private ActorBase? _actor;
    private volatile string _actorTypeName;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private bool _currentStashed;
    private StashImpl? _stash;
    private List<StashImpl>? _extraStashes;
    private TimerScheduler? _timers;
    private ILogger? _log;

    // Bumped by every restart and stop, so that leftovers of an old instance (async continuations) are dropped.
    private int _incarnation;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef parent)
    {
        _system = system;
        _props = props;
        _parent = parent;
        _mailbox = new Mailbox(this, system.Settings.Throughput);
        SelfRef = new LocalActorRef(this, path, _mailbox);
        _actorTypeName = props.ActorType?.Name ?? "Actor";
    }

    internal static ActorCell? CurrentlyCreating => _creating;

    public LocalActorRef SelfRef { get; }

    IActorRef IActorContext.Self => SelfRef;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef? RawSender => _currentSender;

    public IActorRef Parent => _parent;

    public ActorSystem System => _system;

    public object? CurrentMessage => _currentMessage;

    public IStash Stash => _stash ??= new StashImpl(this);

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    internal Mailbox Mailbox => _mailbox;

    internal ILogger Log => _log ??= _system.CreateLogger(_actor?.GetType() ?? _props.ActorType ?? typeof(ActorBase));

    internal DateTimeOffset Now => _system.TimeProvider.GetUtcNow();

    internal string ActorTypeName => _actorTypeName;

    internal bool CanProcessUserMessages => _actor is not null && !_failed && _suspendCount == 0 && _pendingTasks == 0 && !_terminating;

    public void Start() => _mailbox.PostSystem(Create.Instance);

    public IStash CreateStash()
    {
        var stash = new StashImpl(this);
        (_extraStashes ??= []).Add(stash);
        return stash;
    }

    public void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;

        // The sender is null between messages and often null in the message too: skipping an equal store skips
        // the GC write barrier a reference store costs.
        var sender = envelope.Sender;
        if (!ReferenceEquals(_currentSender, sender))
        {
            _currentSender = sender;
        }

        _currentStashed = false;
        try
        {
            if (message is TimerMessage or WatchedTerminated or PoisonPill or Kill or ReceiveTimeoutTick)
            {
                AutoReceive(message);
            }
            else
            {
                Deliver(message);
            }

            if (_receiveTimeout is not null && message is not ReceiveTimeoutTick)
            {
                MarkActivity();
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, _currentMessage);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case Terminate:
                    BeginTerminate();
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case ResumeActor resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case ChildTerminated childTerminated:
                    HandleChildTerminated(childTerminated.Child);
                    break;
                case Watch watch:
                    AddWatcher(watch);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch);
                    break;
                case DeathWatchNotification notification:
                    WatchedActorTerminated(notification);
                    break;
                case RunContinuation continuation:
                    RunContinuation(continuation);
                    break;
                case TaskCompleted completed:
                    HandleTaskCompleted(completed);
                    break;
            }
        }
        catch (Exception e)
        {
            // Kernel code must never throw onto the thread pool; this is a bug, not an actor failure.
            Log.LogError(e, "Actor {Path} failed to process system message {Message}", SelfRef.Path, message.GetType().Name);
        }
    }

    internal void SendToDeadLetters(Envelope envelope)
    {
        var message = envelope.Message switch
        {
            TimerMessage timer => timer.Message,

            // A dead letter about a dead letter (a stopped event-stream subscriber) would only loop.
            ReceiveTimeoutTick or WatchedTerminated or DeadLetter => null,
            var other => other,
        };
        if (message is not null)
        {
            _system.PublishDeadLetter(new DeadLetter(message, envelope.Sender, SelfRef));
        }
    }

    /// <summary>System traffic for an actor that is gone: a watcher still learns that it terminated.</summary>
    internal void HandleSystemMessageAfterStop(SystemMessage message)
    {
        if (message is Watch watch && !ReferenceEquals(watch.Watcher, SelfRef))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        }
    }

    internal void StashCurrent(StashImpl stash)
    {
        if (_currentMessage is null)
        {
            throw new InvalidOperationException("There is no current message to stash.");
        }

        if (_currentStashed)
        {
            throw new InvalidOperationException($"Can't stash the same message twice ({_currentMessage.GetType().Name}).");
        }

        _currentStashed = true;
        stash.Add(new Envelope(_currentMessage, _currentSender));
    }

    private void Deliver(object message)
    {
        var actor = _actor!;
        if (!actor.AroundReceive(message))
        {
            actor.InvokeUnhandled(message);
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TimerMessage timer:
                if (_timers is not null && _timers.TryTake(timer))
                {
                    _currentMessage = timer.Message;
                    if (timer.Message is PoisonPill or Kill)
                    {
                        AutoReceive(timer.Message);
                    }
                    else
                    {
                        Deliver(timer.Message);
                    }
                }

                break;
            case WatchedTerminated watched:
                // Only if the actor is still watched: Unwatch removes the ticket of a Terminated already queued.
                if (_terminatedQueued is not null && _terminatedQueued.Remove(watched.Terminated.ActorRef))
                {
                    _currentMessage = watched.Terminated;
                    Deliver(watched.Terminated);
                }

                break;
            case PoisonPill:
                Stop(SelfRef);
                break;
            case Kill:
                throw new ActorKilledException($"{SelfRef.Path} was killed by a Kill message.");
            case ReceiveTimeoutTick tick:
                HandleReceiveTimeoutTick(tick);
                break;
        }
    }

    private ActorBase NewActor()
    {
        var previous = _creating;
        _creating = this;
        try
        {
            var actor = _props.NewActor();
            if (!ReferenceEquals(actor.Cell, this))
            {
                throw new ActorInitializationException("The Props factory returned an actor that was created elsewhere; it must create a new instance each time.");
            }

            _actorTypeName = actor.GetType().Name;
            return actor;
        }
        finally
        {
            _creating = previous;
        }
    }

    private void CreateActor()
    {
        if (_terminating)
        {
            return;
        }

        try
        {
            var actor = NewActor();
            _actor = actor;
            actor.AroundPreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(AsInitializationFailure(e), null);
        }
    }

    private ActorInitializationException AsInitializationFailure(Exception e) =>
        e as ActorInitializationException ?? new ActorInitializationException($"{SelfRef.Path} failed to start: {e.Message}", e);
}
