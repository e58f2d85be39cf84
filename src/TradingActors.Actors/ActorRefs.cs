using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

public static class ActorRefs
{
    public static IActorRef? NoSender => null;

    /// <summary>A reference that points nowhere: messages are dropped, watching it yields Terminated at once.</summary>
    public static IActorRef Nobody { get; } = new NobodyActorRef();
}
