using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class ReceiveActorTests : ActorTestKit
{
    [Fact]
    public void Handlers_match_exact_types_base_classes_interfaces_and_boxed_values_in_declaration_order()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new MatchingActor(probe.Ref)));

        // Act
        actor.Tell(new Derived());
        actor.Tell(new Base());
        actor.Tell(new Marked());
        actor.Tell(7);
        actor.Tell(DayOfWeek.Monday);
        actor.Tell("skip me");
        actor.Tell("take me");
        actor.Tell(new[] { "x" });

        // Assert
        Assert.Equal("base:Derived", probe.ExpectMsg<string>());
        Assert.Equal("base:Base", probe.ExpectMsg<string>());
        Assert.Equal("marker", probe.ExpectMsg<string>());
        Assert.Equal("int:7", probe.ExpectMsg<string>());
        Assert.Equal("enum:Monday", probe.ExpectMsg<string>());
        Assert.Equal("any:skip me", probe.ExpectMsg<string>());
        Assert.Equal("string:take me", probe.ExpectMsg<string>());
        Assert.Equal("objects:1", probe.ExpectMsg<string>());
    }

    private class Base;

    private sealed class Derived : Base;

    private interface IMarker;

    private sealed class Marked : IMarker;

    private sealed class MatchingActor : ReceiveActor
    {
        public MatchingActor(IActorRef probe)
        {
            Receive<Base>(b => probe.Tell("base:" + b.GetType().Name));
            Receive<IMarker>(_ => probe.Tell("marker"));
            Receive<int>(i => probe.Tell("int:" + i));
            Receive<DayOfWeek>(d => probe.Tell("enum:" + d));
            Receive<string>(s => probe.Tell("string:" + s), s => s.StartsWith("take", StringComparison.Ordinal));

            // Array covariance: a string[] is an object[].
            Receive<object[]>(a => probe.Tell("objects:" + a.Length));
            ReceiveAny(m => probe.Tell("any:" + m));
        }
    }
}
