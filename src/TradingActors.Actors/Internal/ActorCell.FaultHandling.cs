using Microsoft.Extensions.Logging;

namespace TradingActors.Actors.Internal;

internal sealed partial class ActorCell
{
    private volatile bool _terminating;
    private volatile bool _terminated;

    // Failed and waiting for the supervisor's decision: user messages wait in the mailbox.
    private bool _failed;
    private object? _failedMessage;

    // The child whose escalated failure made this actor fail; it is resumed as the failed one if we are.
    private IActorRef? _perpetrator;

    // Suspended because an ancestor failed (one count per failed ancestor awaiting its decision).
    private int _suspendCount;

    // Restart waits for the children PreRestart stopped before the new instance is created.
    private Exception? _recreateCause;

    internal bool IsTerminated => _terminated;

    internal void HandleInvokeFailure(Exception cause, object? message, IActorRef? perpetrator = null)
    {
        if (_terminating || _failed)
        {
            // Already stopping, or the supervisor is already deciding about an earlier failure.
            Log.LogError(cause, "Actor {Path} failed again while {State}", SelfRef.Path, _terminating ? "stopping" : "awaiting supervision");
            return;
        }

        _failed = true;
        _failedMessage = message;
        _perpetrator = perpetrator;
        foreach (var child in ChildrenSnapshot())
        {
            child.Ref.SendSystemMessage(Suspend.Instance);
        }

        _parent.SendSystemMessage(new Failed(SelfRef, cause));
    }

    private void HandleFailed(Failed failed)
    {
        if (_terminating)
        {
            return;
        }

        var record = FindChild(failed.Child);
        if (record is null || record.Stopping)
        {
            return;
        }

        SupervisorStrategy strategy;
        Directive directive;
        try
        {
            strategy = _props.SupervisorStrategy ?? _actor?.GetSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
            directive = strategy.Decider(failed.Cause);
        }
        catch (Exception e)
        {
            Log.LogError(e, "The supervisor strategy of {Path} threw; escalating", SelfRef.Path);
            HandleInvokeFailure(failed.Cause, null);
            return;
        }

        if (directive != Directive.Escalate)
        {
            Log.LogError(failed.Cause, "Actor {Child} failed; supervisor {Path} decided {Directive}", failed.Child.Path, SelfRef.Path, directive);
        }

        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(ResumeActor.AfterFailure);
                break;
            case Directive.Restart:
                strategy.ProcessFailure(this, restart: true, record, failed.Cause, LiveChildren());
                break;
            case Directive.Stop:
                strategy.ProcessFailure(this, restart: false, record, failed.Cause, LiveChildren());
                break;
            default:
                HandleInvokeFailure(failed.Cause, null, failed.Child);
                break;
        }
    }

    private ChildRecord[] LiveChildren() => [.. ChildrenSnapshot().Where(static c => !c.Stopping)];

    private void FaultSuspend()
    {
        _suspendCount++;
        foreach (var child in ChildrenSnapshot())
        {
            child.Ref.SendSystemMessage(Suspend.Instance);
        }
    }

    private void FaultResume(bool causedByFailure)
    {
        if (_terminating)
        {
            return;
        }

        if (causedByFailure && _actor is null)
        {
            // Nothing to resume when the instance never got created: give it a fresh one instead.
            FaultRecreate(new ActorInitializationException($"{SelfRef.Path} was resumed without an instance."));
            return;
        }

        var perpetrator = _perpetrator;
        if (causedByFailure)
        {
            _failed = false;
            _failedMessage = null;
            _perpetrator = null;
        }
        else if (_suspendCount > 0)
        {
            _suspendCount--;
        }

        // Every Suspend we sent down (on our failure or an ancestor's) is matched here; the child whose escalated
        // failure we took over is also resumed from its own failure.
        foreach (var child in ChildrenSnapshot())
        {
            child.Ref.SendSystemMessage(ResumeActor.AfterSuspend);
            if (causedByFailure && child.Ref.Equals(perpetrator))
            {
                child.Ref.SendSystemMessage(ResumeActor.AfterFailure);
            }
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (_terminating)
        {
            return;
        }

        var failedActor = _actor;
        var failedMessage = _failedMessage;
        _failedMessage = null;
        ResetIncarnation();
        UnstashAllForRestart();
        if (failedActor is not null)
        {
            try
            {
                failedActor.AroundPreRestart(cause, failedMessage);
            }
            catch (Exception e)
            {
                Log.LogError(e, "PreRestart of {Path} threw", SelfRef.Path);
            }
        }

        _actor = null;
        _failed = false;
        _perpetrator = null;
        _suspendCount = 0;
        if (HasStoppingChildren())
        {
            _recreateCause = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        // Children that PreRestart left running were suspended by our failure: they restart with us, as in Akka.
        var survivors = LiveChildren();
        try
        {
            var actor = NewActor();
            _actor = actor;
            actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(AsInitializationFailure(e), null);
        }

        foreach (var survivor in survivors)
        {
            survivor.Ref.SendSystemMessage(new Recreate(cause));
        }
    }

    /// <summary>Cancels what belongs to the current instance: timers, receive timeout, pending async work.</summary>
    private void ResetIncarnation()
    {
        _incarnation++;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        _pendingTasks = 0;
        _taskMessage = null;
        _taskSender = null;
    }

    private void UnstashAllForRestart()
    {
        _stash?.UnstashAll();
        if (_extraStashes is not null)
        {
            foreach (var stash in _extraStashes)
            {
                stash.UnstashAll();
            }

            _extraStashes = null;
        }
    }

    private void BeginTerminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        ResetIncarnation();
        foreach (var child in ChildrenSnapshot())
        {
            StopChild(child);
        }

        if (!HasChildren())
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        if (_terminated)
        {
            return;
        }

        var actor = _actor;
        _actor = null;
        if (actor is not null)
        {
            try
            {
                actor.AroundPostStop();
            }
            catch (Exception e)
            {
                Log.LogError(e, "PostStop of {Path} threw", SelfRef.Path);
            }
        }

        DrainStashesToDeadLetters();
        _terminated = true;
        Interlocked.MemoryBarrier();
        if (_subscribedToEventStream)
        {
            _system.EventStream.Unsubscribe(SelfRef);
        }

        _mailbox.Close();

        _parent.SendSystemMessage(new ChildTerminated(SelfRef));
        NotifyWatchersAndUnwatchAll();
    }

    private void DrainStashesToDeadLetters()
    {
        foreach (var envelope in _stash?.ClearStash() ?? [])
        {
            SendToDeadLetters(envelope);
        }

        foreach (var stash in _extraStashes ?? [])
        {
            foreach (var envelope in stash.ClearStash())
            {
                SendToDeadLetters(envelope);
            }
        }
    }
}
