using System.Threading.Channels;
using System.Threading.Tasks.Dataflow;
using Akka.Actor;
using Akka.Configuration;
using AkkaProps = Akka.Actor.Props;
using AkkaSystem = Akka.Actor.ActorSystem;
using IAkkaRef = Akka.Actor.IActorRef;

namespace TradingActors.Benchmarks;

/// <summary>
/// Akka.NET messaging against the raw primitives in the same run: a <see cref="Channel{T}"/> hop between tasks, a
/// TaskCompletionSource reply, TPL Dataflow blocks. The actor system runs on Akka's defaults, which is what the node
/// ships: default-dispatcher with the default executor and <c>throughput = 30</c> (printed with the figures).
/// </summary>
public sealed class AkkaBenchmarkSuite : IBenchmarkSuite
{
    private const int FanInSenders = 4;
    private const int AskConcurrency = 64;

    public string Name => "akka";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scale = context.Quick ? 10 : 1;
        var roundTrips = 200_000 / scale;
        var fanInMessages = 4_000_000 / scale;
        var asks = 256_000 / scale;
        var creations = 100_000 / scale;

        using var system = AkkaSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var dispatcher = system.Settings.Config.GetConfig("akka.actor.default-dispatcher");
        context.Header(
            $"Akka.NET {typeof(AkkaSystem).Assembly.GetName().Version}: messaging (ops = messages delivered; default-dispatcher " +
            $"executor = {dispatcher.GetString("executor")}, throughput = {dispatcher.GetInt("throughput")})");
        var channelPingPong = await context.MeasureAsync("Channel<T> ping-pong (2 tasks)", roundTrips * 2L, () => ChannelPingPong(roundTrips));
        var actorPingPong = await context.MeasureAsync("actor ping-pong (2 actors)", roundTrips * 2L, () => ActorPingPong(system, roundTrips));
        context.Report(actorPingPong, channelPingPong);

        var channelFanIn = await context.MeasureAsync($"Channel<T> fan-in ({FanInSenders} writers, 1 reader)", fanInMessages, () => ChannelFanIn(fanInMessages));
        var actorFanIn = await context.MeasureAsync($"actor fan-in ({FanInSenders} senders, 1 actor)", fanInMessages, () => ActorFanIn(system, fanInMessages));
        context.Report(actorFanIn, channelFanIn);

        context.Header("Akka.NET: ask and lifecycle (ops = round trips / actors)");
        var channelAsk = await context.MeasureAsync($"Channel<T> request + TCS reply ({AskConcurrency} callers)", asks, () => ChannelRequestReply(asks));
        var actorAsk = await context.MeasureAsync($"actor Ask round trip ({AskConcurrency} callers)", asks, () => ActorAsk(system, asks));
        context.Report(actorAsk, channelAsk);

        var blockLifecycle = await context.MeasureAsync("ActionBlock create + post + complete", creations, () => ActionBlockLifecycle(creations));
        var actorLifecycle = await context.MeasureAsync("actor create + message + stop", creations, () => ActorLifecycle(system, creations));
        context.Report(actorLifecycle, blockLifecycle);

        await system.Terminate();
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

    private static async Task ActorPingPong(AkkaSystem system, int roundTrips)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = system.ActorOf(AkkaProps.Create(() => new EchoActor()));
        var pinger = system.ActorOf(AkkaProps.Create(() => new PingActor(roundTrips, done)));
        pinger.Tell(ponger);
        await done.Task;
        Stop(system, pinger, ponger);
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
        await Senders(messages, message => channel.Writer.TryWrite(message));
        await reader;
    }

    private static async Task ActorFanIn(AkkaSystem system, int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(AkkaProps.Create(() => new CountingActor(messages, done)));
        await Senders(messages, message => counter.Tell(message, ActorRefs.NoSender));
        await done.Task;
        Stop(system, counter);
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

    private static async Task ActorAsk(AkkaSystem system, int asks)
    {
        var echo = system.ActorOf(AkkaProps.Create(() => new EchoActor()));
        var timeout = TimeSpan.FromSeconds(10);
        await Task.WhenAll(Enumerable.Range(0, AskConcurrency).Select(_ => Task.Run(async () =>
        {
            var ball = new Ball();
            for (var i = 0; i < asks / AskConcurrency; i++)
            {
                await echo.Ask<Ball>(ball, timeout);
            }
        })));
        Stop(system, echo);
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

    private static async Task ActorLifecycle(AkkaSystem system, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var countdown = new SharedCountdown(count, done);
        var props = AkkaProps.Create(() => new StopOnMessageActor(countdown));
        var message = new Ball();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(props).Tell(message, ActorRefs.NoSender);
        }

        await done.Task;
    }

    private static Task Senders(int messages, Action<object> send) =>
        Task.WhenAll(Enumerable.Range(0, FanInSenders).Select(_ => Task.Run(() =>
        {
            var message = new Ball();
            for (var i = 0; i < messages / FanInSenders; i++)
            {
                send(message);
            }
        })));

    private static void Stop(AkkaSystem system, params IAkkaRef[] actors)
    {
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

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class PingActor : ReceiveActor
    {
        private int _count;

        public PingActor(int roundTrips, TaskCompletionSource done)
        {
            Receive<IAkkaRef>(ponger => ponger.Tell(new Ball(), Self));
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
