using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class TimerTests() : ActorTestKit(new ManualTimeProvider())
{
    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public void A_single_timer_delivers_its_message_once_when_due()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new Arm("key", "tick", TimeSpan.FromSeconds(1)));
        probe.ExpectMsg<string>(s => s == "armed");

        // Act
        Clock.Advance(TimeSpan.FromSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(5));
        actor.Tell("marker");

        // Assert
        Assert.Equal("tick", probe.ExpectMsg<string>());
        Assert.Equal("marker", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_periodic_timer_delivers_at_every_interval()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new ArmPeriodic("key", "tick", TimeSpan.FromSeconds(1)));
        probe.ExpectMsg<string>(s => s == "armed");

        // Act
        Clock.Advance(TimeSpan.FromSeconds(3));

        // Assert
        Assert.Equal(["tick", "tick", "tick"], probe.ReceiveN(3).Cast<string>());
    }

    [Fact]
    public void A_timer_restarted_under_the_same_key_never_delivers_the_old_message_even_if_already_enqueued()
    {
        // Arrange
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        using var holding = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new Arm("key", "old", TimeSpan.FromSeconds(1)));
        probe.ExpectMsg<string>(s => s == "armed");
        actor.Tell(new HoldThenRearm(holding, gate, new Arm("key", "new", TimeSpan.FromSeconds(1))));
        Assert.True(holding.Wait(DefaultTimeout));

        // Act: the old timer fires while the actor is busy, so its message waits in the mailbox...
        Clock.Advance(TimeSpan.FromSeconds(1));
        gate.Set();

        // ...and the actor re-arms the key before it gets to that message.
        probe.ExpectMsg<string>(s => s == "armed");
        Clock.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal("new", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_cancelled_timer_does_not_deliver()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new Arm("key", "tick", TimeSpan.FromSeconds(1)));
        actor.Tell(new CancelTimer("key"));
        probe.ExpectMsg<string>(s => s == "armed");
        Assert.False(probe.ExpectMsg<bool>());

        // Act
        Clock.Advance(TimeSpan.FromSeconds(2));
        actor.Tell("marker");

        // Assert
        Assert.Equal("marker", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new Arm("key", "tick", TimeSpan.FromSeconds(1)));
        probe.ExpectMsg<string>(s => s == "armed");

        // Act
        actor.Tell("boom");
        probe.ExpectMsg<string>(s => s == "restarted");
        Clock.Advance(TimeSpan.FromSeconds(2));
        actor.Tell("marker");

        // Assert
        Assert.Equal("marker", probe.ExpectMsg<string>());
        Assert.Equal(0, Clock.ActiveTimerCount);
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_stops()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new ArmPeriodic("key", "tick", TimeSpan.FromSeconds(1)));
        probe.ExpectMsg<string>(s => s == "armed");
        probe.Watch(actor);

        // Act
        Sys.Stop(actor);

        // Assert
        probe.ExpectTerminated(actor);
        Assert.Equal(0, Clock.ActiveTimerCount);
    }

    [Fact]
    public void The_receive_timeout_fires_after_a_quiet_period_and_slides_with_each_message()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        actor.Tell(new SetIdle(TimeSpan.FromSeconds(10)));
        probe.ExpectMsg<string>(s => s == "armed");

        // Act: a message at 6 s pushes the timeout to 16 s.
        Clock.Advance(TimeSpan.FromSeconds(6));
        actor.Tell("ping");
        probe.ExpectMsg<string>(s => s == "pong");
        Clock.Advance(TimeSpan.FromSeconds(6));
        Clock.Advance(TimeSpan.FromSeconds(3));
        Clock.Advance(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(16), probe.ExpectMsg<DateTimeOffset>());
    }

    private sealed record Arm(string Key, string Message, TimeSpan Delay);

    private sealed record ArmPeriodic(string Key, string Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record SetIdle(TimeSpan Timeout);

    private sealed record HoldThenRearm(ManualResetEventSlim Holding, ManualResetEventSlim Gate, Arm Arm);

    private sealed class TimerActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public TimerActor(IActorRef probe)
        {
            _probe = probe;
            Receive<Arm>(a =>
            {
                Context.Timers.StartSingleTimer(a.Key, a.Message, a.Delay);
                probe.Tell("armed");
            });
            Receive<ArmPeriodic>(a =>
            {
                Context.Timers.StartPeriodicTimer(a.Key, a.Message, a.Interval);
                probe.Tell("armed");
            });
            Receive<CancelTimer>(c =>
            {
                Context.Timers.Cancel(c.Key);
                probe.Tell(Context.Timers.IsTimerActive(c.Key));
            });
            Receive<SetIdle>(s =>
            {
                Context.SetReceiveTimeout(s.Timeout);
                probe.Tell("armed");
            });
            Receive<HoldThenRearm>(h =>
            {
                h.Holding.Set();
                h.Gate.Wait();
                Context.Timers.StartSingleTimer(h.Arm.Key, h.Arm.Message, h.Arm.Delay);
                probe.Tell("armed");
            });
            Receive<ReceiveTimeout>(_ => probe.Tell(Context.System.TimeProvider.GetUtcNow()));
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(_ => probe.Tell("pong"), s => s == "ping");
            Receive<string>(s => probe.Tell(s));
        }

        protected override void PostRestart(Exception reason) => _probe.Tell("restarted");
    }
}
