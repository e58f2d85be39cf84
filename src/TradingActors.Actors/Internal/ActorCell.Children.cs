using System.Globalization;

namespace TradingActors.Actors.Internal;

internal sealed partial class ActorCell
{
    // Locked because ActorOf on a guardian and ActorTree() come from other threads.
    private readonly Dictionary<string, ChildRecord> _children = new(StringComparer.Ordinal);
    private long _childNameCounter;

    public IEnumerable<IActorRef> Children => ChildrenSnapshot().Select(static c => (IActorRef)c.Ref);

    public IActorRef? Child(string name)
    {
        lock (_children)
        {
            return _children.TryGetValue(name, out var record) ? record.Ref : null;
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (_terminated)
        {
            throw new InvalidOperationException($"Cannot create a child of {SelfRef.Path}: it has stopped.");
        }

        var childName = name is null
            ? "$" + Convert.ToString(Interlocked.Increment(ref _childNameCounter), CultureInfo.InvariantCulture)
            : ValidateName(name);
        var child = new ActorCell(_system, SelfRef.Path.Child(childName, _system.NextUid()), props, SelfRef);
        lock (_children)
        {
            if (!_children.TryAdd(childName, new ChildRecord(child.SelfRef)))
            {
                throw new InvalidActorNameException($"An actor named '{childName}' already exists under {SelfRef.Path}.");
            }
        }

        child.Start();
        if (_terminating)
        {
            // Created while we stop: it must not outlive us.
            child.SelfRef.SendSystemMessage(Terminate.Instance);
        }

        return child.SelfRef;
    }

    public void Stop(IActorRef child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (ReferenceEquals(child, SelfRef))
        {
            SelfRef.SendSystemMessage(Terminate.Instance);
            return;
        }

        var record = FindChild(child);
        if (record is not null)
        {
            StopChild(record);
        }
        else if (child is IInternalActorRef other)
        {
            other.SendSystemMessage(Terminate.Instance);
        }
    }

    internal ChildRecord[] ChildrenSnapshot()
    {
        lock (_children)
        {
            return [.. _children.Values];
        }
    }

    internal void StopChild(ChildRecord record)
    {
        record.Stopping = true;
        record.Ref.SendSystemMessage(Terminate.Instance);
    }

    private static string ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('$') || name.Contains('/', StringComparison.Ordinal)
            || name.Any(char.IsWhiteSpace))
        {
            throw new InvalidActorNameException(
                $"Invalid actor name '{name}': it must be non-empty, contain no '/' or whitespace, and not start with '$'.");
        }

        return name;
    }

    private ChildRecord? FindChild(IActorRef child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var record) && ReferenceEquals(record.Ref, child) ? record : null;
        }
    }

    private bool HasChildren()
    {
        lock (_children)
        {
            return _children.Count > 0;
        }
    }

    private bool HasStoppingChildren()
    {
        lock (_children)
        {
            return _children.Values.Any(static c => c.Stopping);
        }
    }

    private void HandleChildTerminated(LocalActorRef child)
    {
        lock (_children)
        {
            if (_children.TryGetValue(child.Path.Name, out var record) && ReferenceEquals(record.Ref, child))
            {
                _children.Remove(child.Path.Name);
            }
        }

        if (_terminating)
        {
            if (!HasChildren())
            {
                FinishTerminate();
            }
        }
        else if (_recreateCause is { } cause && !HasStoppingChildren())
        {
            _recreateCause = null;
            FinishRecreate(cause);
        }
    }
}
