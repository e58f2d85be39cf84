namespace TradingActors.Actors.Internal;

/// <summary>The /user and /system guardians: parents of top-level actors, with a configurable strategy.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
