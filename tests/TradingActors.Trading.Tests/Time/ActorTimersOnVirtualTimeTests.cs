using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using TradingActors.Trading.Time;
using AkkaProps = Akka.Actor.Props;
using AkkaTestKit = Akka.TestKit.Xunit2.TestKit;

namespace TradingActors.Trading.Tests.Time;

/// <summary><c>IWithTimers</c> and receive timeouts of actors on a <see cref="FakeTimeProvider"/>.</summary>
public sealed class ActorTimersOnVirtualTimeTests : AkkaTestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _clock;

    public ActorTimersOnVirtualTimeTests() : this(new FakeTimeProvider())
    {
    }

    private ActorTimersOnVirtualTimeTests(FakeTimeProvider clock) : base(TradingClock.Config(clock)) => _clock = clock;

    [Fact]
    public void A_keyed_timer_replaces_the_one_started_under_the_same_key()
    {
        var actor = Sys.ActorOf(AkkaProps.Create(() => new KeyedTimers(TestActor)));
        actor.Tell(new KeyedTimers.Start("first", TimeSpan.FromSeconds(5)));
        actor.Tell(new KeyedTimers.Start("second", TimeSpan.FromSeconds(10)));
        ExpectMsg("started first");
        ExpectMsg("started second");

        _clock.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(Quiet);
        _clock.Advance(TimeSpan.FromSeconds(5));
        ExpectMsg("second");

        _clock.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_periodic_keyed_timer_ticks_on_the_fake_clock_until_cancelled()
    {
        var actor = Sys.ActorOf(AkkaProps.Create(() => new KeyedTimers(TestActor)));
        actor.Tell(new KeyedTimers.Every("tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("started tick");

        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["tick", "tick", "tick"], ReceiveN(3));

        actor.Tell(KeyedTimers.Cancel.Instance);
        ExpectMsg("cancelled");
        _clock.Advance(TimeSpan.FromMinutes(1));
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_receive_timeout_fires_when_the_fake_clock_passes_it()
    {
        var actor = Sys.ActorOf(AkkaProps.Create(() => new Idle(TestActor, TimeSpan.FromSeconds(30))));
        // Akka arms the receive timeout after the handler returns; Identify does not re-arm it, so its answer
        // means the timeout is scheduled.
        actor.Tell(new Identify(1));
        ExpectMsg<ActorIdentity>();

        _clock.Advance(TimeSpan.FromSeconds(29));
        ExpectNoMsg(Quiet);
        _clock.Advance(TimeSpan.FromSeconds(1));

        ExpectMsg<ReceiveTimeout>();
    }

    private sealed class KeyedTimers : ReceiveActor, IWithTimers
    {
        private const string Key = "key";

        public KeyedTimers(IActorRef probe)
        {
            Receive<Start>(start =>
            {
                Timers.StartSingleTimer(Key, start.Message, start.Delay);
                probe.Tell($"started {start.Message}");
            });
            Receive<Every>(every =>
            {
                Timers.StartPeriodicTimer(Key, every.Message, every.Interval);
                probe.Tell($"started {every.Message}");
            });
            Receive<Cancel>(_ =>
            {
                Timers.Cancel(Key);
                probe.Tell("cancelled");
            });
            Receive<string>(message => probe.Tell(message));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        public sealed record Start(string Message, TimeSpan Delay);

        public sealed record Every(string Message, TimeSpan Interval);

        public sealed record Cancel
        {
            public static readonly Cancel Instance = new();
        }
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(timedOut =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell(timedOut);
            });
        }
    }
}
