using Akka.Actor;
using Akka.Persistence;
using TradingActors.Trading.Serialization;

namespace TradingActors.Node.Tests.Persistence;

/// <summary>A minimal persistent actor: journals every <see cref="IJournalEvent"/> it is sent and answers what it holds.</summary>
internal sealed class JournalActor : ReceivePersistentActor
{
    private readonly List<IJournalEvent> _events = [];

    public JournalActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<IJournalEvent>(_events.Add);
        Command<IJournalEvent>(evt => Persist(evt, persisted =>
        {
            _events.Add(persisted);
            Sender.Tell(new Persisted(LastSequenceNr));
        }));
        Command<GetEvents>(_ => Sender.Tell(new Events([.. _events])));
    }

    public override string PersistenceId { get; }

    public sealed record Persisted(long SequenceNr);

    public sealed record GetEvents;

    public sealed record Events(IReadOnlyList<IJournalEvent> All);
}
