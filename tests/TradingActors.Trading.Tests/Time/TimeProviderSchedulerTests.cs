using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using TradingActors.Trading.Time;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;

namespace TradingActors.Trading.Tests.Time;

/// <summary>Akka's scheduler on a <see cref="FakeTimeProvider"/>: nothing fires until the fake clock is advanced.</summary>
public sealed class TimeProviderSchedulerTests : AkkaTestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _clock;

    public TimeProviderSchedulerTests() : this(new FakeTimeProvider())
    {
    }

    private TimeProviderSchedulerTests(FakeTimeProvider clock) : base(TradingClock.Config(clock)) => _clock = clock;

    [Fact]
    public void The_system_runs_on_the_scheduler_of_the_given_clock()
    {
        Assert.IsType<TimeProviderScheduler>(Sys.Scheduler);
        Assert.Same(_clock, TradingClock.Get(Sys).TimeProvider);
    }

    [Fact]
    public void Advancing_ten_minutes_fires_a_one_second_periodic_timer_exactly_600_times()
    {
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", ActorRefs.NoSender);

        _clock.Advance(TimeSpan.FromMinutes(10));

        var ticks = ReceiveN(600, TimeSpan.FromSeconds(10));
        Assert.All(ticks, tick => Assert.Equal("tick", tick));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_single_timer_fires_only_when_its_time_comes()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(30), TestActor, "due", ActorRefs.NoSender);

        _clock.Advance(TimeSpan.FromSeconds(29));
        ExpectNoMsg(Quiet);

        _clock.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("due");

        _clock.Advance(TimeSpan.FromMinutes(5));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Due_work_fires_in_the_order_of_its_due_times()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), TestActor, "third", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "first", ActorRefs.NoSender);
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(2), () => TestActor.Tell("second"));

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first", "second", "third"], ReceiveN(3));
    }

    [Fact]
    public void A_cancelled_timer_never_fires()
    {
        var once = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(5), TestActor, "once", ActorRefs.NoSender);
        var repeated = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "repeated", ActorRefs.NoSender);

        once.Cancel();
        repeated.Cancel();
        _clock.Advance(TimeSpan.FromMinutes(1));

        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_periodic_timer_stops_when_cancelled_between_ticks()
    {
        var repeated = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", ActorRefs.NoSender);

        _clock.Advance(TimeSpan.FromSeconds(3));
        ReceiveN(3);
        repeated.Cancel();
        _clock.Advance(TimeSpan.FromMinutes(1));

        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Cancel_after_follows_the_fake_clock()
    {
        var cancelable = new Cancelable(Sys.Scheduler);

        cancelable.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.False(cancelable.IsCancellationRequested);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(cancelable.IsCancellationRequested);
    }

    [Fact]
    public void The_scheduler_tells_the_time_of_the_fake_clock()
    {
        Assert.Equal(_clock.GetUtcNow(), Sys.Scheduler.Now);
        var monotonic = Sys.Scheduler.MonotonicClock;

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(_clock.GetUtcNow(), Sys.Scheduler.Now);
        Assert.Equal(TimeSpan.FromHours(2), Sys.Scheduler.MonotonicClock - monotonic);
    }
}
