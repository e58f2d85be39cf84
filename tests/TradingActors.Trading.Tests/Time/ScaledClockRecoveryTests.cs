using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Persistence;
using TradingActors.Node;
using TradingActors.Trading.Time;
using AkkaProps = Akka.Actor.Props;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;

namespace TradingActors.Trading.Tests.Time;

/// <summary>
/// <c>--speed 20</c>: a single node on a clock 20 times faster than the wall clock, with Akka's timeouts scaled,
/// still recovers persistent actors and starts remembered sharded entities.
/// </summary>
public sealed class ScaledClockRecoveryTests : AkkaTestKit
{
    private const double Speed = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public ScaledClockRecoveryTests() : base(NodeConfig())
    {
    }

    [Fact]
    public void The_node_runs_on_the_scaled_clock_with_scaled_timeouts()
    {
        Assert.IsType<ScaledTimeProvider>(TradingClock.Get(Sys).TimeProvider);
        ClusterSharding.Get(Sys); // loads sharding's defaults, which the settings read
        Assert.Equal(
            TimeSpan.FromSeconds(5 * Speed),
            ClusterShardingSettings.Create(Sys).TuningParameters.UpdatingStateTimeout);
    }

    [Fact]
    public void A_persistent_actor_recovers_its_events()
    {
        var first = Sys.ActorOf(AkkaProps.Create(() => new Notebook("recovering")));
        foreach (var text in new[] { "a", "b", "c" })
        {
            first.Tell(new Note("recovering", text));
        }

        Assert.Equal([1, 2, 3], ReceiveN(3, Patience).Cast<int>());
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first, Patience);

        var second = Sys.ActorOf(AkkaProps.Create(() => new Notebook("recovering")));
        second.Tell(new Note("recovering", "d"));

        ExpectMsg(4, Patience);
    }

    [Fact]
    public void A_remembered_sharded_entity_starts_and_answers()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, Patience);

        var region = ClusterSharding.Get(Sys).Start(
            "notebook",
            entityId => AkkaProps.Create(() => new Notebook(entityId)),
            ClusterShardingSettings.Create(Sys).WithRememberEntities(true),
            new NoteExtractor());
        region.Tell(new Note("sharded", "a"));
        region.Tell(new Note("sharded", "b"));

        ExpectMsg(1, Patience);
        ExpectMsg(2, Patience);
    }

    private static Config NodeConfig()
    {
        var node = ConfigurationFactory.ParseString(
            """
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            akka.cluster.sharding {
              remember-entities-store = eventsourced
              state-store-mode = persistence
            }
            """);
        return TradingClock.ScaledTimeouts(Speed, node)
            .WithFallback(node)
            .WithFallback(TradingClock.Config(new ScaledTimeProvider(Speed)));
    }

    private sealed record Note(string Notebook, string Text);

    private sealed record Noted(string Text);

    private sealed class NoteExtractor() : HashCodeMessageExtractor(10)
    {
        public override string EntityId(object message) => ((Note)message).Notebook;
    }

    private sealed class Notebook : ReceivePersistentActor
    {
        private int _notes;

        public Notebook(string id)
        {
            PersistenceId = $"notebook-{id}";
            Recover<Noted>(_ => _notes++);
            Command<Note>(note => Persist(new Noted(note.Text), _ =>
            {
                _notes++;
                Sender.Tell(_notes);
            }));
        }

        public override string PersistenceId { get; }
    }
}
