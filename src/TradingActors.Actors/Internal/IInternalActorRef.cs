namespace TradingActors.Actors.Internal;

/// <summary>A reference that can also receive system messages (watch, failure, termination).</summary>
internal interface IInternalActorRef : IActorRef
{
    void SendSystemMessage(SystemMessage message);
}
