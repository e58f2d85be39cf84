using Akka.Actor;

namespace TradingActors.Node.Management;

/// <summary>
/// The live actor tree of this node (what pbm's <c>actor hierarchy</c> shows): walked from the guardians through
/// the actors' own child lists, so it is exact and needs no message round trip.
/// </summary>
public static class ActorHierarchy
{
    /// <summary>One actor and its children, down to the depth asked for.</summary>
    public sealed record ActorNode(string Path, string Name, IReadOnlyList<ActorNode> Children);

    /// <summary>The tree under <paramref name="path"/> (<c>/user</c>, <c>/system</c>, or any actor path), <paramref name="depth"/> levels deep; null for an unknown path.</summary>
    public static ActorNode? Read(ActorSystem system, string path, int depth)
    {
        ArgumentNullException.ThrowIfNull(system);
        var root = (ActorRefWithCell)((ExtendedActorSystem)system).Provider.RootGuardian;
        IActorRef? current = root;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current is ActorRefWithCell cell ? cell.GetSingleChild(name) : null;
            if (current is null || current.IsNobody())
            {
                return null;
            }
        }

        return Node(current, depth);
    }

    private static ActorNode Node(IActorRef actor, int depth) => new(
        actor.Path.ToStringWithoutAddress(),
        actor.Path.Name,
        depth > 0 && actor is ActorRefWithCell cell ? cell.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal).Select(c => Node(c, depth - 1)).ToList() : []);
}
