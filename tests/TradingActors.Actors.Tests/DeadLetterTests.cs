using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class DeadLetterTests : ActorTestKit
{
    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new SilentActor()));
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);

        // Act
        actor.Tell("too late", probe.Ref);

        // Assert
        var deadLetter = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("too late", deadLetter.Message);
        Assert.Equal(probe.Ref, deadLetter.Sender);
        Assert.Equal(actor, deadLetter.Recipient);
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Messages_behind_a_PoisonPill_become_dead_letters()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new SilentActor()));

        // Act
        actor.Tell("first");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("second");

        // Assert
        Assert.Equal("second", probe.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Telling_the_dead_letters_reference_publishes_a_dead_letter()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));

        Sys.DeadLetters.Tell("lost");

        Assert.Equal("lost", probe.ExpectMsg<DeadLetter>().Message);
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor() => ReceiveAny(_ => { });
    }
}
