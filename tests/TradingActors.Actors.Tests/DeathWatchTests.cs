using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class DeathWatchTests : ActorTestKit
{
    [Fact]
    public void A_watcher_gets_Terminated_when_the_watched_actor_stops()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new IdleActor()));
        probe.Watch(target);

        // Act
        Sys.Stop(target);

        // Assert
        var terminated = probe.ExpectTerminated(target);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_still_delivers_Terminated()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new IdleActor()));
        probe.Watch(target);
        Sys.Stop(target);
        probe.ExpectTerminated(target);
        var lateWatcher = CreateTestProbe();

        // Act
        lateWatcher.Watch(target);

        // Assert
        lateWatcher.ExpectTerminated(target);
    }

    [Fact]
    public void An_unhandled_Terminated_kills_the_watcher_with_a_death_pact()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new IdleActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(target, probe.Ref)));
        probe.ExpectMsg<string>(s => s == "watching");
        probe.Watch(watcher);

        // Act
        Sys.Stop(target);

        // Assert
        probe.ExpectTerminated(watcher);
    }

    [Fact]
    public void After_Unwatch_no_Terminated_is_delivered()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new IdleActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new WatchingActor(target, probe.Ref)));
        probe.ExpectMsg<string>(s => s == "watching");
        watcher.Tell("unwatch");
        probe.ExpectMsg<string>(s => s == "unwatched");
        probe.Watch(target);

        // Act
        Sys.Stop(target);
        probe.ExpectTerminated(target);
        watcher.Tell("marker");

        // Assert: the watcher is alive and saw nothing before the marker.
        Assert.Equal("marker", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Terminated_arrives_after_the_messages_the_dead_actor_sent_before_stopping()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new LastWordsActor(probe.Ref)));
        probe.Watch(target);

        // Act
        target.Tell("go");

        // Assert
        Assert.Equal("last words", probe.ExpectMsg<string>());
        probe.ExpectTerminated(target);
    }

    [Fact]
    public async Task GracefulStop_completes_with_true_once_the_actor_has_stopped()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new IdleActor()));
        probe.Watch(target);

        // Act
        var stopped = await target.GracefulStop(DefaultTimeout);

        // Assert
        Assert.True(stopped);
        probe.ExpectTerminated(target);
    }

    [Fact]
    public void Watching_Nobody_delivers_Terminated_without_confirmed_existence()
    {
        var probe = CreateTestProbe();

        probe.Watch(ActorRefs.Nobody);

        Assert.False(probe.ExpectTerminated(ActorRefs.Nobody).ExistenceConfirmed);
    }

    private sealed class IdleActor : ReceiveActor
    {
        public IdleActor() => ReceiveAny(_ => { });
    }

    private sealed class WatchingActor : ReceiveActor
    {
        public WatchingActor(IActorRef target, IActorRef probe)
        {
            Receive<string>(_ =>
            {
                Context.Unwatch(target);
                probe.Tell("unwatched");
            }, s => s == "unwatch");
            Receive<string>(s => probe.Tell(s), s => s == "marker");
            Context.Watch(target);
            probe.Tell("watching");
        }
    }

    private sealed class LastWordsActor : ReceiveActor
    {
        public LastWordsActor(IActorRef probe) => Receive<string>(_ =>
        {
            probe.Tell("last words");
            Context.Stop(Self);
        });
    }
}
