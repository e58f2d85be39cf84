using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, ChildRecord failed, Exception cause, IReadOnlyList<ChildRecord> children)
    {
        if (restart && failed.RequestRestartPermission(this, supervisor.Now))
        {
            failed.Ref.SendSystemMessage(new Recreate(cause));
        }
        else
        {
            supervisor.StopChild(failed);
        }
    }
}
