using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class EventStreamTests : ActorTestKit
{
    [Fact]
    public void A_subscriber_to_a_type_receives_its_subtypes_and_nothing_else()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));

        // Act
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");
        Sys.EventStream.Publish(new Animal("generic"));

        // Assert
        Assert.Equal("rex", probe.ExpectMsg<Dog>().Name);
        Assert.Equal("generic", probe.ExpectMsg<Animal>().Name);
    }

    [Fact]
    public void Unsubscribed_actors_receive_nothing()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Animal));
        Assert.True(Sys.EventStream.Unsubscribe(probe.Ref, typeof(Animal)));

        // Act
        Sys.EventStream.Publish(new Dog("rex"));
        probe.Ref.Tell("marker");

        // Assert
        Assert.Equal("marker", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_terminated_subscriber_is_removed()
    {
        // Arrange
        var probe = CreateTestProbe();
        var subscriber = Sys.ActorOf(Props.Create(() => new SinkActor()));
        Assert.True(Sys.EventStream.Subscribe(subscriber, typeof(Animal)));
        probe.Watch(subscriber);
        Sys.Stop(subscriber);
        probe.ExpectTerminated(subscriber);

        // Act
        Sys.EventStream.Publish(new Dog("rex"));

        // Assert: publishing to a dead subscriber would have made a dead letter.
        Assert.Equal(0, Sys.DeadLetterCount);
        Assert.False(Sys.EventStream.Unsubscribe(subscriber));
    }

    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed class SinkActor : ReceiveActor
    {
        public SinkActor() => ReceiveAny(_ => { });
    }
}
