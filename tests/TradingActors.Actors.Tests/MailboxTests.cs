using System.Runtime.CompilerServices;
using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class MailboxTests : ActorTestKit
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_sent_even_with_many_senders()
    {
        // Arrange
        const int senders = 8;
        const int perSender = 20_000;
        var probe = CreateTestProbe();
        var receiver = Sys.ActorOf(Props.Create(() => new OrderCheckingActor(senders, senders * perSender, probe.Ref)));

        // Act
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                receiver.Tell(new Numbered(s, i));
            }
        })));

        // Assert
        var result = probe.ExpectMsg<OrderCheckingActor.Result>(TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.OutOfOrder);
        Assert.Equal(0, result.Overlaps);
    }

    [Fact]
    public void An_actor_processes_one_message_at_a_time_under_load_from_many_threads()
    {
        // Arrange
        const int total = 50_000;
        var probe = CreateTestProbe();
        var receiver = Sys.ActorOf(Props.Create(() => new OrderCheckingActor(1, total, probe.Ref)));

        // Act
        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => receiver.Tell(new Numbered(0, -1)));

        // Assert
        var result = probe.ExpectMsg<OrderCheckingActor.Result>(TimeSpan.FromSeconds(10));
        Assert.Equal(0, result.Overlaps);
        Assert.Equal(total, result.Count);
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        // Arrange
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()));

        // Act
        actor.Tell(42, probe.Ref);

        // Assert
        var unhandled = probe.ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    [Fact]
    public void Become_replaces_the_handlers_and_unbecome_stacked_restores_them()
    {
        // Arrange
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor()));

        // Act
        probe.Send(actor, "mood");
        probe.Send(actor, "angry");
        probe.Send(actor, "mood");
        probe.Send(actor, "calm");
        probe.Send(actor, "mood");

        // Assert
        Assert.Equal("happy", probe.ExpectMsg<string>());
        Assert.Equal("angry", probe.ExpectMsg<string>());
        Assert.Equal("happy", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_stop_requested_by_a_handler_takes_effect_before_the_next_queued_message()
    {
        // Arrange: both messages are queued behind a held one, so they would run in the same batch.
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        using var holding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new StoppingActor(holding, gate, probe.Ref)));
        actor.Tell("hold");
        Assert.True(holding.Wait(DefaultTimeout));

        // Act
        actor.Tell("stop");
        actor.Tell("second");
        gate.Set();

        // Assert
        Assert.Equal("second", probe.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public async Task A_queue_that_grows_behind_a_busy_actor_keeps_each_senders_order()
    {
        // Arrange: the actor is held, so every message stays queued and the queue has to grow many times over.
        const int senders = 4;
        const int perSender = 50_000;
        var probe = CreateTestProbe();
        using var holding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var receiver = Sys.ActorOf(Props.Create(() => new OrderCheckingActor(senders, senders * perSender, probe.Ref, holding, gate)));
        receiver.Tell("hold");
        Assert.True(holding.Wait(DefaultTimeout));

        // Act
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                receiver.Tell(new Numbered(s, i));
            }
        })));
        gate.Set();

        // Assert
        var result = probe.ExpectMsg<OrderCheckingActor.Result>(TimeSpan.FromSeconds(10));
        Assert.Equal(senders * perSender, result.Count);
        Assert.Equal(0, result.OutOfOrder);
    }

    [Fact]
    public async Task A_stop_goes_ahead_of_the_user_messages_queued_before_it()
    {
        // Arrange: the actor is held while many messages queue up behind the held one.
        const int queued = 10_000;
        var processed = new StrongBox<int>();
        using var holding = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var receiver = Sys.ActorOf(Props.Create(() => new HeldCountingActor(holding, gate, processed)));
        receiver.Tell("hold");
        Assert.True(holding.Wait(DefaultTimeout));
        for (var i = 0; i < queued; i++)
        {
            receiver.Tell(i);
        }

        // Act
        Sys.Stop(receiver);
        gate.Set();

        // Assert: none of the queued messages ran; each became a dead letter.
        await Eventually.TrueAsync(() => Sys.DeadLetterCount == queued, because: "the queued messages did not all become dead letters");
        Assert.Equal(0, Volatile.Read(ref processed.Value));
    }

    [Fact]
    public async Task Every_message_racing_a_stop_is_either_processed_or_a_dead_letter()
    {
        // Arrange
        const int senders = 4;
        const int perSender = 20_000;
        var processed = new StrongBox<int>();
        var receiver = Sys.ActorOf(Props.Create(() => new StopAfterActor(senders * perSender / 2, processed)));

        // Act
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                receiver.Tell(i);
            }
        })));

        // Assert
        await Eventually.TrueAsync(
            () => Volatile.Read(ref processed.Value) + Sys.DeadLetterCount == senders * perSender,
            because: "a message was neither processed nor dead-lettered");
        Assert.Equal(senders * perSender / 2, Volatile.Read(ref processed.Value));
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed class OrderCheckingActor : ReceiveActor
    {
        private readonly int[] _last;
        private int _inside;
        private int _count;
        private int _outOfOrder;
        private int _overlaps;

        public OrderCheckingActor(int senders, int expected, IActorRef report, ManualResetEventSlim? holding = null, ManualResetEventSlim? gate = null)
        {
            _last = Enumerable.Repeat(-1, senders).ToArray();
            Receive<string>(_ =>
            {
                holding?.Set();
                gate?.Wait();
            });
            Receive<Numbered>(n =>
            {
                if (Interlocked.Increment(ref _inside) != 1)
                {
                    _overlaps++;
                }

                if (n.Sequence >= 0)
                {
                    if (n.Sequence != _last[n.Sender] + 1)
                    {
                        _outOfOrder++;
                    }

                    _last[n.Sender] = n.Sequence;
                }

                // A little work widens the window in which a second thread could slip in.
                Thread.SpinWait(20);
                _count++;
                Interlocked.Decrement(ref _inside);
                if (_count == expected)
                {
                    report.Tell(new Result(_count, _outOfOrder, _overlaps));
                }
            });
        }

        public sealed record Result(int Count, int OutOfOrder, int Overlaps);
    }

    private sealed class HeldCountingActor : ReceiveActor
    {
        public HeldCountingActor(ManualResetEventSlim holding, ManualResetEventSlim gate, StrongBox<int> processed)
        {
            Receive<string>(_ =>
            {
                holding.Set();
                gate.Wait();
            });
            Receive<int>(_ => Interlocked.Increment(ref processed.Value));
        }
    }

    private sealed class StopAfterActor : ReceiveActor
    {
        private int _count;

        public StopAfterActor(int stopAfter, StrongBox<int> processed) => Receive<int>(_ =>
        {
            Interlocked.Increment(ref processed.Value);
            if (++_count == stopAfter)
            {
                Context.Stop(Self);
            }
        });
    }

    private sealed class StoppingActor : ReceiveActor
    {
        public StoppingActor(ManualResetEventSlim holding, ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<string>(_ =>
            {
                holding.Set();
                gate.Wait();
            }, s => s == "hold");
            Receive<string>(_ => Context.Stop(Self), s => s == "stop");
            Receive<string>(s => probe.Tell("processed " + s));
        }
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<string>(s => Sender.Tell(s));
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor()
        {
            Receive<string>(_ => Sender.Tell("happy"), s => s == "mood");
            Receive<string>(_ => BecomeStacked(Angry), s => s == "angry");
        }

        private void Angry()
        {
            Receive<string>(_ => Sender.Tell("angry"), s => s == "mood");
            Receive<string>(_ => UnbecomeStacked(), s => s == "calm");
        }
    }
}
