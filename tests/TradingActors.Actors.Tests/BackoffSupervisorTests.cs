using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class BackoffSupervisorTests() : ActorTestKit(new ManualTimeProvider())
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private ManualTimeProvider Clock => (ManualTimeProvider)Sys.TimeProvider;

    [Fact]
    public async Task Restart_delays_double_up_to_the_maximum()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnStop(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0)));
        var child = probe.ExpectMsg<IActorRef>();

        // Act / Assert: 1 s, 2 s, 4 s, 8 s, then capped at 10 s.
        foreach (var seconds in new[] { 1, 2, 4, 8, 10 })
        {
            child.Tell("stop");
            child = await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(seconds));
        }
    }

    [Fact]
    public async Task A_manual_reset_brings_the_delay_back_to_the_minimum()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnStop(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0).WithManualReset()));
        var child = probe.ExpectMsg<IActorRef>();
        child.Tell("stop");
        child = await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
        child.Tell("stop");
        child = await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(2));

        // Act
        supervisor.Tell(BackoffSupervisor.Reset.Instance);
        child.Tell("stop");

        // Assert
        await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_restart_count_resets_automatically_after_a_healthy_period()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnStop(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0).WithAutoReset(TimeSpan.FromSeconds(5))));
        var child = probe.ExpectMsg<IActorRef>();
        child.Tell("stop");
        await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, DefaultTimeout)).Count);

        // Act
        Clock.Advance(TimeSpan.FromSeconds(5));

        // Assert
        await AwaitAssertAsync(async () =>
            Assert.Equal(0, (await supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, DefaultTimeout)).Count));
    }

    [Fact]
    public async Task OnFailure_restarts_a_failed_child_with_backoff_and_stops_with_a_normally_stopped_one()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnFailure(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0)));
        var child = probe.ExpectMsg<IActorRef>();
        probe.Watch(supervisor);

        // Act
        child.Tell("boom");
        child = await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
        child.Tell("stop");

        // Assert
        probe.ExpectTerminated(supervisor);
    }

    [Fact]
    public async Task The_supervisor_stops_when_max_retries_are_used_up()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnStop(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0, maxRetries: 1)));
        var child = probe.ExpectMsg<IActorRef>();
        probe.Watch(supervisor);
        child.Tell("stop");
        child = await ExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));

        // Act
        child.Tell("stop");

        // Assert
        probe.ExpectTerminated(supervisor);
    }

    [Fact]
    public async Task Other_messages_are_forwarded_to_the_child_with_the_original_sender()
    {
        // Arrange
        var probe = CreateTestProbe();
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            BackoffOptions.OnStop(Props.Create(() => new ChildActor(probe.Ref)), "child", Min, Max, 0)));
        var child = probe.ExpectMsg<IActorRef>();

        // Act
        var reply = await supervisor.Ask<string>("echo", DefaultTimeout);
        var current = await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, DefaultTimeout);

        // Assert
        Assert.Equal("echo", reply);
        Assert.Equal(child, current.Ref);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(3, 8.0)]
    [InlineData(4, 10.0)]
    [InlineData(40, 10.0)]
    public void The_delay_is_the_minimum_doubled_per_restart_and_capped(int restarts, double expectedSeconds)
    {
        var options = BackoffOptions.OnStop(Props.Create(() => new ChildActor(ActorRefs.Nobody)), "c", Min, Max, 0.5);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.DelayFor(restarts, 0));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds * 1.5), options.DelayFor(restarts, 1));
    }

    [Fact]
    public void Invalid_backoff_options_are_rejected()
    {
        var props = Props.Create(() => new ChildActor(ActorRefs.Nobody));

        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.OnStop(props, "c", TimeSpan.Zero, Max, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.OnStop(props, "c", Max, Min, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffOptions.OnStop(props, "c", Min, Max, 2));
    }

    /// <summary>
    /// Waits until the supervisor has scheduled the restart, checks that no child exists one tick before the
    /// delay, then advances that tick and expects the new child.
    /// </summary>
    private async Task<IActorRef> ExpectRestartAfter(IActorRef supervisor, TestProbe probe, TimeSpan delay)
    {
        await AwaitAssertAsync(async () =>
            Assert.Null((await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, DefaultTimeout)).Ref));
        Clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.Null((await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, DefaultTimeout)).Ref);
        Clock.Advance(TimeSpan.FromTicks(1));
        return probe.ExpectMsg<IActorRef>();
    }

    private sealed class ChildActor : ReceiveActor
    {
        public ChildActor(IActorRef probe)
        {
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(s => Sender.Tell(s));
            probe.Tell(Self);
        }
    }
}
