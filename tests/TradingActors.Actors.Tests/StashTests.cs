using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class StashTests : ActorTestKit
{
    [Fact]
    public void UnstashAll_puts_stashed_messages_back_in_their_original_order_before_newer_ones()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));

        // Act
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(3);
        actor.Tell("open");
        actor.Tell(4);

        // Assert
        Assert.Equal([1, 2, 3, 4], probe.ReceiveN(4).Cast<int>());
    }

    [Fact]
    public void Stashing_the_same_message_twice_throws()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new DoubleStashActor(probe.Ref)));

        // Act
        actor.Tell("twice");

        // Assert
        Assert.Equal(nameof(InvalidOperationException), probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_restart_unstashes_everything_back_into_the_mailbox()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));
        actor.Tell(1);
        actor.Tell(2);

        // Act: the new instance starts closed again, so it stashes them once more; opening it releases them.
        actor.Tell("boom");
        actor.Tell("open");

        // Assert
        Assert.Equal([1, 2], probe.ReceiveN(2).Cast<int>());
    }

    [Fact]
    public void Messages_still_stashed_when_the_actor_stops_become_dead_letters()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new GateActor(probe.Ref)));

        // Act
        actor.Tell(7);
        actor.Tell(PoisonPill.Instance);

        // Assert
        Assert.Equal(7, probe.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void A_stashed_Terminated_is_delivered_after_unstashing()
    {
        // Arrange
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new DoubleStashActor(probe.Ref)));
        var watcher = Sys.ActorOf(Props.Create(() => new StashingWatcher(target, probe.Ref)));
        probe.ExpectMsg<string>(s => s == "watching");
        probe.Watch(target);

        // Act
        Sys.Stop(target);
        probe.ExpectTerminated(target);
        watcher.Tell("open");

        // Assert
        Assert.Equal(target, probe.ExpectMsg<Terminated>().ActorRef);
    }

    private sealed class GateActor : ReceiveActor
    {
        public GateActor(IActorRef probe)
        {
            Receive<int>(_ => Context.Stash.Stash());
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(_ =>
            {
                Context.Stash.UnstashAll();
                Become(() => Receive<int>(i => probe.Tell(i)));
            }, s => s == "open");
        }
    }

    private sealed class StashingWatcher : ReceiveActor
    {
        public StashingWatcher(IActorRef target, IActorRef probe)
        {
            Receive<Terminated>(_ => Context.Stash.Stash());
            Receive<string>(_ =>
            {
                Context.Stash.UnstashAll();
                Become(() => Receive<Terminated>(t => probe.Tell(t)));
            }, s => s == "open");
            Context.Watch(target);
            probe.Tell("watching");
        }
    }

    private sealed class DoubleStashActor : ReceiveActor
    {
        public DoubleStashActor(IActorRef probe) => Receive<string>(_ =>
        {
            Context.Stash.Stash();
            try
            {
                Context.Stash.Stash();
                probe.Tell("no exception");
            }
            catch (InvalidOperationException e)
            {
                probe.Tell(e.GetType().Name);
            }
        });
    }
}
