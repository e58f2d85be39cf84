using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class SupervisionTests : ActorTestKit
{
    [Fact]
    public void A_throwing_handler_restarts_the_actor_with_PreRestart_before_PostRestart()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe.Ref)), "lifecycle");
        Assert.Equal("PreStart", probe.ExpectMsg<string>());

        // Act
        actor.Tell("boom");

        // Assert
        Assert.Equal("PreRestart:boom:boom", probe.ExpectMsg<string>());
        Assert.Equal("PostStop", probe.ExpectMsg<string>());
        Assert.Equal("PostRestart:boom", probe.ExpectMsg<string>());
        Assert.Equal("PreStart", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_restart_keeps_the_mailbox_loses_the_failing_message_and_resets_state()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CounterActor()));
        probe.Send(actor, "inc");
        probe.Send(actor, "inc");

        // Act: the messages behind the failing one are already queued when it throws.
        probe.Send(actor, "boom");
        probe.Send(actor, "get");
        probe.Send(actor, "inc");
        probe.Send(actor, "get");

        // Assert
        Assert.Equal(0, probe.ExpectMsg<int>());
        Assert.Equal(1, probe.ExpectMsg<int>());
    }

    [Fact]
    public void Resume_keeps_the_actor_state()
    {
        // Arrange
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new CounterActor()), probe.Ref))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume)));
        var child = probe.ExpectMsg<IActorRef>();

        // Act
        probe.Send(child, "inc");
        probe.Send(child, "boom");
        probe.Send(child, "inc");
        probe.Send(child, "get");

        // Assert
        Assert.Equal(2, probe.ExpectMsg<int>());
        Assert.NotNull(parent);
    }

    [Fact]
    public void Stop_directive_stops_the_failed_child()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new CounterActor()), probe.Ref))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Stop)));
        var child = probe.ExpectMsg<IActorRef>();
        probe.Watch(child);

        // Act
        child.Tell("boom");

        // Assert
        probe.ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_parent_which_its_own_supervisor_restarts()
    {
        // Arrange
        var probe = CreateTestProbe();
        var grandparentProbe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(
            Props.Create(() => new ParentActor(Props.Create(() => new CounterActor()), probe.Ref))
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)),
            grandparentProbe.Ref)));
        var parent = grandparentProbe.ExpectMsg<IActorRef>();
        var child = probe.ExpectMsg<IActorRef>();
        probe.Watch(child);

        // Act
        child.Tell("boom");

        // Assert: the restarted parent's default PreRestart stopped the old child; its PreStart made a new one.
        var messages = probe.ReceiveN(2);
        Assert.Contains(messages, m => m is Terminated t && t.ActorRef.Equals(child));
        var newChild = Assert.Single(messages.OfType<IActorRef>());
        Assert.NotEqual(child, newChild);
        Assert.Equal(child.Path.ToString(), newChild.Path.ToString());
        Assert.NotNull(parent);
    }

    [Fact]
    public void An_escalated_failure_resumed_higher_up_resumes_the_failed_child_with_its_state()
    {
        // Arrange
        var probe = CreateTestProbe();
        var grandparentProbe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new ParentActor(
            Props.Create(() => new ParentActor(Props.Create(() => new CounterActor()), probe.Ref))
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)),
            grandparentProbe.Ref)).WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Resume)));
        grandparentProbe.ExpectMsg<IActorRef>();
        var child = probe.ExpectMsg<IActorRef>();

        // Act
        probe.Send(child, "inc");
        probe.Send(child, "boom");
        probe.Send(child, "inc");
        probe.Send(child, "get");

        // Assert
        Assert.Equal(2, probe.ExpectMsg<int>());
    }

    [Fact]
    public void AllForOne_restarts_the_siblings_of_the_failed_child()
    {
        // Arrange
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new TwinParentActor(probe.Ref))
            .WithSupervisorStrategy(new AllForOneStrategy(SupervisorStrategy.DefaultDecider)));
        var started = probe.ReceiveN(4);
        Assert.Equal(2, started.Count(m => m is "PreStart"));
        var first = started.OfType<IActorRef>().First(r => r.Path.Name == "first");

        // Act
        first.Tell("boom");

        // Assert: both children go through a restart.
        var events = probe.ReceiveN(8).Cast<string>().ToList();
        Assert.Equal(2, events.Count(e => e.StartsWith("PostRestart", StringComparison.Ordinal)));
        Assert.Equal(2, events.Count(e => e == "PreStart"));
        Assert.NotNull(parent);
    }

    [Fact]
    public void A_child_needing_more_restarts_than_allowed_within_the_window_is_stopped()
    {
        // Arrange
        var time = new ManualTimeProvider();
        using var kit = new ClockKit(time);
        var probe = kit.Probe();
        kit.System.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new LifecycleActor(probe.Ref)), probe.Ref))
            .WithSupervisorStrategy(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        var child = probe.FishForMessage<IActorRef>(_ => true);
        probe.Watch(child);

        // Act: three failures inside the window, two restarts allowed.
        child.Tell("boom");
        child.Tell("boom");
        child.Tell("boom");

        // Assert
        Assert.Equal(2, CountUntilTerminated(probe, child));
    }

    [Fact]
    public void Failures_spread_beyond_the_window_keep_being_restarted()
    {
        // Arrange
        var time = new ManualTimeProvider();
        using var kit = new ClockKit(time);
        var probe = kit.Probe();
        kit.System.ActorOf(Props.Create(() => new ParentActor(Props.Create(() => new LifecycleActor(probe.Ref)), probe.Ref))
            .WithSupervisorStrategy(new OneForOneStrategy(1, TimeSpan.FromMinutes(1), _ => Directive.Restart)));
        var child = probe.FishForMessage<IActorRef>(_ => true);

        // Act
        child.Tell("boom");
        probe.FishForMessage<string>(s => s.StartsWith("PostRestart", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromMinutes(2));
        child.Tell("boom");

        // Assert
        probe.FishForMessage<string>(s => s.StartsWith("PostRestart", StringComparison.Ordinal));
        child.Tell("ping");
        probe.FishForMessage<string>(s => s == "pong");
    }

    [Fact]
    public void The_default_decider_stops_an_actor_that_fails_to_start()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new FailingStartActor()));

        // Act
        probe.Watch(actor);

        // Assert
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void Kill_stops_the_actor_through_its_supervisor()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new CounterActor()));
        probe.Watch(actor);

        // Act
        actor.Tell(Kill.Instance);

        // Assert
        probe.ExpectTerminated(actor);
    }

    [Fact]
    public void Children_of_a_failed_actor_hold_their_messages_until_it_is_resumed()
    {
        // Arrange: the grandparent's decision waits on a gate, so the parent stays failed as long as the test wants.
        var probe = CreateTestProbe();
        var parentProbe = CreateTestProbe();
        using var deciding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var strategy = new OneForOneStrategy(_ =>
        {
            deciding.Set();
            gate.Wait();
            return Directive.Resume;
        });
        Sys.ActorOf(Props.Create(() => new ParentActor(
            Props.Create(() => new ParentActor(Props.Create(() => new LifecycleActor(probe.Ref)), probe.Ref)),
            parentProbe.Ref)).WithSupervisorStrategy(strategy));
        var parent = parentProbe.ExpectMsg<IActorRef>();
        var child = probe.ReceiveN(2).OfType<IActorRef>().Single();

        try
        {
            // Act
            parent.Tell("boom");
            Assert.True(deciding.Wait(DefaultTimeout));
            child.Tell("ping");

            // Assert
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            gate.Set();
        }

        Assert.Equal("pong", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Children_left_running_by_PreRestart_are_restarted_with_their_parent()
    {
        // Arrange
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new KeepChildrenParent(probe.Ref)));
        var child = probe.FishForMessage<IActorRef>(_ => true);

        // Act
        parent.Tell("boom");

        // Assert
        probe.FishForMessage<string>(s => s.StartsWith("PostRestart", StringComparison.Ordinal));
        child.Tell("ping");
        probe.FishForMessage<string>(s => s == "pong");
    }

    [Theory]
    [InlineData(typeof(ActorInitializationException), Directive.Stop)]
    [InlineData(typeof(ActorKilledException), Directive.Stop)]
    [InlineData(typeof(DeathPactException), Directive.Stop)]
    [InlineData(typeof(InvalidOperationException), Directive.Restart)]
    public void The_default_decider_stops_on_lifecycle_exceptions_and_restarts_on_others(Type exception, Directive expected)
    {
        var directive = SupervisorStrategy.DefaultDecider((Exception)Activator.CreateInstance(exception)!);

        Assert.Equal(expected, directive);
    }

    [Fact]
    public async Task Escalation_from_the_top_guardian_terminates_the_system()
    {
        // Arrange
        var system = ActorSystem.Create("escalating", new ActorSystemSettings
        {
            GuardianSupervisorStrategy = new OneForOneStrategy(_ => Directive.Escalate),
        });
        var actor = system.ActorOf(Props.Create(() => new CounterActor()));

        // Act
        actor.Tell("boom");

        // Assert
        await system.WhenTerminated.WaitAsync(DefaultTimeout);
    }

    private static int CountUntilTerminated(TestProbe probe, IActorRef child)
    {
        var restarts = 0;
        while (true)
        {
            switch (probe.ReceiveOne())
            {
                case string s when s.StartsWith("PostRestart", StringComparison.Ordinal):
                    restarts++;
                    break;
                case Terminated t when t.ActorRef.Equals(child):
                    return restarts;
            }
        }
    }

    private sealed class LifecycleActor : ReceiveActor
    {
        private readonly IActorRef _probe;

        public LifecycleActor(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(_ => _probe.Tell("pong"), s => s == "ping");
        }

        protected override void PreStart() => _probe.Tell("PreStart");

        protected override void PostStop() => _probe.Tell("PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"PreRestart:{reason.Message}:{message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"PostRestart:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    private sealed class CounterActor : ReceiveActor
    {
        private int _count;

        public CounterActor()
        {
            Receive<string>(_ => _count++, s => s == "inc");
            Receive<string>(_ => Sender.Tell(_count), s => s == "get");
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
        }
    }

    private sealed class ParentActor : ReceiveActor
    {
        private readonly Props _childProps;
        private readonly IActorRef _probe;

        public ParentActor(Props childProps, IActorRef probe)
        {
            _childProps = childProps;
            _probe = probe;
            Receive<string>(_ => throw new InvalidOperationException("parent boom"), s => s == "boom");
        }

        protected override void PreStart()
        {
            _probe.Tell(Context.ActorOf(_childProps, "child"));
        }
    }

    private sealed class TwinParentActor(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart()
        {
            var first = Context.ActorOf(Props.Create(() => new LifecycleActor(probe)), "first");
            var second = Context.ActorOf(Props.Create(() => new LifecycleActor(probe)), "second");
            probe.Tell(first);
            probe.Tell(second);
        }
    }

    private sealed class KeepChildrenParent : ReceiveActor
    {
        public KeepChildrenParent(IActorRef probe)
        {
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            if (Context.Child("kept") is null)
            {
                probe.Tell(Context.ActorOf(Props.Create(() => new LifecycleActor(probe)), "kept"));
            }
        }

        protected override void PreRestart(Exception reason, object? message)
        {
        }
    }

    private sealed class FailingStartActor : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }

    /// <summary>A second system on a manual clock, for tests that need both.</summary>
    private sealed class ClockKit(TimeProvider time) : ActorTestKit(time)
    {
        public ActorSystem System => Sys;

        public TestProbe Probe() => CreateTestProbe();
    }
}
