using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// Applies the directive to every child of the supervisor when one of them fails. Unlike Akka, the siblings are
/// not suspended first: they get the restart as their next system message, which they process before any further
/// user message anyway.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, ChildRecord failed, Exception cause, IReadOnlyList<ChildRecord> children)
    {
        var now = supervisor.Now;
        var permitted = restart && children.All(child => child.RequestRestartPermission(this, now));

        foreach (var child in children)
        {
            if (permitted)
            {
                child.Ref.SendSystemMessage(new Recreate(cause));
            }
            else
            {
                supervisor.StopChild(child);
            }
        }
    }
}
