namespace TradingActors.Actors.Internal;

internal sealed partial class ActorCell
{
    private HashSet<IInternalActorRef>? _watchedBy;
    private HashSet<IActorRef>? _watching;
    private HashSet<IActorRef>? _terminatedQueued;
    private volatile bool _subscribedToEventStream;

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not IInternalActorRef target)
        {
            throw new ArgumentException($"Cannot watch {subject.GetType().Name}: not a reference of this kernel.", nameof(subject));
        }

        if (!ReferenceEquals(subject, SelfRef) && (_watching ??= []).Add(subject))
        {
            target.SendSystemMessage(new Watch(target, SelfRef));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (_watching is not null && _watching.Remove(subject) && subject is IInternalActorRef target)
        {
            target.SendSystemMessage(new Unwatch(target, SelfRef));
        }

        // A Terminated already in the mailbox must not be delivered after Unwatch.
        _terminatedQueued?.Remove(subject);
        return subject;
    }

    internal void MarkSubscribedToEventStream() => _subscribedToEventStream = true;

    private void AddWatcher(Watch watch)
    {
        if (ReferenceEquals(watch.Watchee, SelfRef) && !ReferenceEquals(watch.Watcher, SelfRef))
        {
            (_watchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void RemoveWatcher(Unwatch unwatch) => _watchedBy?.Remove(unwatch.Watcher);

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        if (_watching is null || !_watching.Remove(notification.Actor) || _terminating)
        {
            return;
        }

        // Through the user queue, so it arrives after the messages the dead actor sent us before it stopped.
        (_terminatedQueued ??= []).Add(notification.Actor);
        var terminated = new Terminated(notification.Actor, notification.ExistenceConfirmed, AddressTerminated: false);
        _mailbox.Post(new Envelope(new WatchedTerminated(terminated), notification.Actor));
    }

    private void NotifyWatchersAndUnwatchAll()
    {
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
            }

            _watchedBy = null;
        }

        if (_watching is not null)
        {
            foreach (var watched in _watching)
            {
                if (watched is IInternalActorRef target)
                {
                    target.SendSystemMessage(new Unwatch(target, SelfRef));
                }
            }

            _watching = null;
        }

        _terminatedQueued = null;
    }
}

/// <summary>
/// A Terminated produced by death watch, as it waits in the mailbox: checked against the watch on delivery and
/// then handed to the actor unwrapped. A Terminated that someone merely sends (or forwards) is an ordinary message.
/// </summary>
internal sealed class WatchedTerminated(Terminated terminated)
{
    public Terminated Terminated { get; } = terminated;
}
