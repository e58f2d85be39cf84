using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// Decides what happens to a failed child. With <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>,
/// a child that needs more restarts than that inside the window is stopped instead.
/// </summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>OneForOne, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>-1 means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>Zero or infinite means no window (the count never resets).</summary>
    public TimeSpan WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>Initialization failure, Kill and DeathPact stop the child; anything else restarts it.</summary>
    public static Directive DefaultDecider(Exception e) => e switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    internal bool HasWindow => WithinTimeRange > TimeSpan.Zero && WithinTimeRange != Timeout.InfiniteTimeSpan;

    internal abstract void ProcessFailure(ActorCell supervisor, bool restart, ChildRecord failed, Exception cause, IReadOnlyList<ChildRecord> children);
}
