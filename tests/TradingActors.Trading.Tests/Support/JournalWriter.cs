using Akka.Actor;
using Akka.Persistence;

namespace TradingActors.Trading.Tests.Support;

/// <summary>Appends one event to a persistence id's journal, as its actor would have, then answers <see cref="Written"/>.</summary>
public sealed class JournalWriter : ReceivePersistentActor
{
    public JournalWriter(string persistenceId, object payload, IActorRef replyTo)
    {
        PersistenceId = persistenceId;
        Recover<RecoveryCompleted>(_ => Persist(payload, _ => replyTo.Tell(new Written())));
        CommandAny(_ => { });
    }

    public override string PersistenceId { get; }

    public sealed record Written;
}
