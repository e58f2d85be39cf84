using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using TradingActors.Actors;

namespace TradingActors.Benchmarks;

/// <summary>
/// The actor kernel against the raw primitives it is built from, measured in the same run: a Channel&lt;T&gt; hop
/// between two tasks and TPL Dataflow ActionBlocks doing the same work.
/// </summary>
public sealed class ActorBenchmarkSuite : IBenchmarkSuite
{
    private const int FanInSenders = 4;
    private const int FanOutReceivers = 8;
    private const int AskConcurrency = 64;

    public string Name => "actors";

    public async Task RunAsync(BenchmarkContext context)
    {
        var scale = context.Quick ? 10 : 1;
        var roundTrips = 200_000 / scale;
        var fanInMessages = 4_000_000 / scale;
        var fanOutMessages = 2_000_000 / scale;
        var asks = 400_000 / scale;
        var creations = 100_000 / scale;

        await using var system = ActorSystem.Create("bench");

        context.Header("Actor kernel: messaging (ops = messages delivered)");
        var channelPingPong = await context.MeasureAsync("Channel<T> ping-pong (2 tasks)", roundTrips * 2L, () => ChannelPingPong(roundTrips));
        var blockPingPong = await context.MeasureAsync("ActionBlock ping-pong", roundTrips * 2L, () => ActionBlockPingPong(roundTrips));
        var actorPingPong = await context.MeasureAsync("actor ping-pong (2 actors)", roundTrips * 2L, () => ActorPingPong(system, roundTrips));
        context.Report(actorPingPong, channelPingPong, ">= 0.5x Channel<T>");
        context.Report(actorPingPong, blockPingPong);

        var channelFanIn = await context.MeasureAsync($"Channel<T> fan-in ({FanInSenders} writers, 1 reader)", fanInMessages, () => ChannelFanIn(fanInMessages));
        var blockFanIn = await context.MeasureAsync($"ActionBlock fan-in ({FanInSenders} senders)", fanInMessages, () => ActionBlockFanIn(fanInMessages));
        var actorFanIn = await context.MeasureAsync($"actor fan-in ({FanInSenders} senders, 1 actor)", fanInMessages, () => ActorFanIn(system, fanInMessages));
        context.Report(actorFanIn, channelFanIn, ">= 5,000,000 msgs/s");
        context.Report(actorFanIn, blockFanIn, ">= 5,000,000 msgs/s");

        var blockFanOut = await context.MeasureAsync($"ActionBlock fan-out (1 sender, {FanOutReceivers} blocks)", fanOutMessages, () => ActionBlockFanOut(fanOutMessages));
        var actorFanOut = await context.MeasureAsync($"actor fan-out (1 sender, {FanOutReceivers} actors)", fanOutMessages, () => ActorFanOut(system, fanOutMessages));
        context.Report(actorFanOut, blockFanOut);

        context.Header("Actor kernel: ask and lifecycle (ops = round trips / actors)");
        var channelAsk = await context.MeasureAsync($"Channel<T> request + TCS reply ({AskConcurrency} callers)", asks, () => ChannelRequestReply(asks));
        var actorAsk = await context.MeasureAsync($"actor Ask round trip ({AskConcurrency} callers)", asks, () => ActorAsk(system, asks));
        context.Report(actorAsk, channelAsk, ">= 500,000 asks/s");

        var blockLifecycle = await context.MeasureAsync("ActionBlock create + post + complete", creations, () => ActionBlockLifecycle(creations));
        var actorLifecycle = await context.MeasureAsync("actor create + message + stop", creations, () => ActorLifecycle(system, creations));
        context.Report(actorLifecycle, blockLifecycle);
    }

    private static async Task ChannelPingPong(int roundTrips)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateUnbounded<object>(options);
        var pong = Channel.CreateUnbounded<object>(options);
        var ponger = Task.Run(async () =>
        {
            for (var i = 0; i < roundTrips; i++)
            {
                pong.Writer.TryWrite(await ping.Reader.ReadAsync());
            }
        });
        var ball = new Ball();
        for (var i = 0; i < roundTrips; i++)
        {
            ping.Writer.TryWrite(ball);
            ball = (Ball)await pong.Reader.ReadAsync();
        }

        await ponger;
    }

    private static Task ActionBlockPingPong(int roundTrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ActionBlock<Ball>? pinger = null;
        var ponger = new ActionBlock<Ball>(b => pinger!.Post(b));
        var count = 0;
        pinger = new ActionBlock<Ball>(b =>
        {
            if (++count == roundTrips)
            {
                done.SetResult();
            }
            else
            {
                ponger.Post(b);
            }
        });
        ponger.Post(new Ball());
        return done.Task;
    }

    private static Task ActorPingPong(ActorSystem system, int roundTrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = system.ActorOf(Props.Create(() => new PongActor()));
        var pinger = system.ActorOf(Props.Create(() => new PingActor(roundTrips, done)));
        pinger.Tell(ponger);
        return Finish(done.Task, system, pinger, ponger);
    }

    private static async Task ChannelFanIn(int messages)
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var reader = Task.Run(async () =>
        {
            var received = 0;
            while (received < messages && await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    received++;
                }
            }
        });
        await Senders(messages, FanInSenders, (_, message) => channel.Writer.TryWrite(message));
        await reader;
    }

    private static async Task ActionBlockFanIn(int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        var block = new ActionBlock<object>(_ =>
        {
            if (++received == messages)
            {
                done.SetResult();
            }
        });
        await Senders(messages, FanInSenders, (_, message) => block.Post(message));
        await done.Task;
    }

    private static async Task ActorFanIn(ActorSystem system, int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new CountingActor(messages, done)));
        await Senders(messages, FanInSenders, (_, message) => counter.Tell(message));
        await Finish(done.Task, system, counter);
    }

    private static async Task ActionBlockFanOut(int messages)
    {
        var remaining = messages;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocks = Enumerable.Range(0, FanOutReceivers).Select(_ => new ActionBlock<object>(_ =>
        {
            if (Interlocked.Decrement(ref remaining) == 0)
            {
                done.SetResult();
            }
        })).ToArray();
        var message = new Ball();
        for (var i = 0; i < messages; i++)
        {
            blocks[i % FanOutReceivers].Post(message);
        }

        await done.Task;
    }

    private static async Task ActorFanOut(ActorSystem system, int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var countdown = new SharedCountdown(messages, done);
        var actors = Enumerable.Range(0, FanOutReceivers)
            .Select(_ => system.ActorOf(Props.Create(() => new CountdownActor(countdown))))
            .ToArray();
        var message = new Ball();
        for (var i = 0; i < messages; i++)
        {
            actors[i % FanOutReceivers].Tell(message);
        }

        await Finish(done.Task, system, actors);
    }

    private static async Task ChannelRequestReply(int asks)
    {
        var requests = Channel.CreateUnbounded<(object Request, TaskCompletionSource<object> Reply)>(new UnboundedChannelOptions { SingleReader = true });
        var server = Task.Run(async () =>
        {
            var served = 0;
            while (served < asks && await requests.Reader.WaitToReadAsync())
            {
                while (requests.Reader.TryRead(out var request))
                {
                    request.Reply.TrySetResult(request.Request);
                    served++;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, AskConcurrency).Select(_ => Task.Run(async () =>
        {
            var ball = new Ball();
            for (var i = 0; i < asks / AskConcurrency; i++)
            {
                var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
                requests.Writer.TryWrite((ball, reply));
                await reply.Task;
            }
        })));
        await server;
    }

    private static async Task ActorAsk(ActorSystem system, int asks)
    {
        var echo = system.ActorOf(Props.Create(() => new EchoActor()));
        var timeout = TimeSpan.FromSeconds(10);
        await Task.WhenAll(Enumerable.Range(0, AskConcurrency).Select(_ => Task.Run(async () =>
        {
            var ball = new Ball();
            for (var i = 0; i < asks / AskConcurrency; i++)
            {
                await echo.Ask<Ball>(ball, timeout);
            }
        })));
        await echo.GracefulStop(timeout);
    }

    private static async Task ActionBlockLifecycle(int count)
    {
        var completions = new Task[count];
        var message = new Ball();
        for (var i = 0; i < count; i++)
        {
            var block = new ActionBlock<Ball>(_ => { });
            block.Post(message);
            block.Complete();
            completions[i] = block.Completion;
        }

        await Task.WhenAll(completions);
    }

    private static async Task ActorLifecycle(ActorSystem system, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var countdown = new SharedCountdown(count, done);
        var props = Props.Create(() => new StopOnMessageActor(countdown));
        var message = new Ball();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(props).Tell(message);
        }

        await done.Task;
    }

    private static Task Senders(int messages, int senders, Action<int, object> send) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            var message = new Ball();
            for (var i = 0; i < messages / senders; i++)
            {
                send(s, message);
            }
        })));

    private static async Task Finish(Task done, ActorSystem system, params IActorRef[] actors)
    {
        await done;
        foreach (var actor in actors)
        {
            system.Stop(actor);
        }
    }

    private sealed class Ball;

    private sealed class SharedCountdown(int count, TaskCompletionSource done)
    {
        private int _remaining = count;

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                done.SetResult();
            }
        }
    }

    private sealed class PongActor : ReceiveActor
    {
        public PongActor() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class PingActor : ReceiveActor
    {
        private int _count;

        public PingActor(int roundTrips, TaskCompletionSource done)
        {
            Receive<IActorRef>(ponger => ponger.Tell(new Ball(), Self));
            Receive<Ball>(b =>
            {
                if (++_count == roundTrips)
                {
                    done.SetResult();
                }
                else
                {
                    Sender.Tell(b, Self);
                }
            });
        }
    }

    private sealed class CountingActor : ReceiveActor
    {
        private int _received;

        public CountingActor(int expected, TaskCompletionSource done) => Receive<Ball>(_ =>
        {
            if (++_received == expected)
            {
                done.SetResult();
            }
        });
    }

    private sealed class CountdownActor : ReceiveActor
    {
        public CountdownActor(SharedCountdown countdown) => Receive<Ball>(_ => countdown.Signal());
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class StopOnMessageActor : ReceiveActor
    {
        private readonly SharedCountdown _countdown;

        public StopOnMessageActor(SharedCountdown countdown)
        {
            _countdown = countdown;
            Receive<Ball>(_ => Context.Stop(Self));
        }

        protected override void PostStop() => _countdown.Signal();
    }
}
