using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// A parent that restarts its one child after a growing delay. Messages other than the queries below are forwarded
/// to the current child (dead letters while it is backing off).
/// </summary>
public static class BackoffSupervisor
{
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Actors.Props.Create(() => new BackoffSupervisorActor(options));
    }

    /// <summary>Asks for the current child; answered with <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild
    {
        public static GetCurrentChild Instance { get; } = new();
    }

    public sealed record CurrentChild(IActorRef? Ref);

    /// <summary>Asks for the restart count; answered with <see cref="RestartCount"/>.</summary>
    public sealed record GetRestartCount
    {
        public static GetRestartCount Instance { get; } = new();
    }

    public sealed record RestartCount(int Count);

    /// <summary>Resets the restart count (manual reset mode only).</summary>
    public sealed record Reset
    {
        public static Reset Instance { get; } = new();
    }
}
