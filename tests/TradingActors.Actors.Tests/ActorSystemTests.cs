using System.Collections.Concurrent;
using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class ActorSystemTests : ActorTestKit
{
    [Fact]
    public async Task Terminate_runs_every_PostStop_with_children_before_their_parents()
    {
        // Arrange
        var stops = new ConcurrentQueue<string>();
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new TreeActor(2, stops, probe.Ref)), "a");
        Sys.ActorOf(Props.Create(() => new TreeActor(0, stops, probe.Ref)), "b");
        probe.ReceiveN(4);

        // Act
        await Sys.Terminate().WaitAsync(DefaultTimeout);

        // Assert
        var order = stops.ToList();
        Assert.Equal(4, order.Count);
        Assert.True(order.IndexOf("/user/a/child/child") < order.IndexOf("/user/a/child"));
        Assert.True(order.IndexOf("/user/a/child") < order.IndexOf("/user/a"));
        Assert.Contains("/user/b", order);
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void ActorTree_lists_live_actors_with_their_children()
    {
        // Arrange
        var stops = new ConcurrentQueue<string>();
        var probe = CreateTestProbe();

        // Act
        Sys.ActorOf(Props.Create(() => new TreeActor(1, stops, probe.Ref)), "root");
        probe.ReceiveN(2);
        var tree = Sys.ActorTree();

        // Assert
        var user = tree.Single(n => n.Path.EndsWith("/user", StringComparison.Ordinal));
        var root = Assert.Single(user.Children);
        Assert.Equal($"ta://{Sys.Name}/user/root", root.Path);
        Assert.Equal(nameof(TreeActor), root.ActorType);
        Assert.Equal($"ta://{Sys.Name}/user/root/child", Assert.Single(root.Children).Path);
        Assert.Contains(tree, n => n.Path.EndsWith("/system", StringComparison.Ordinal) && n.Children.Count > 0);
    }

    [Fact]
    public void A_stopped_actor_disappears_from_the_tree_and_its_name_can_be_reused()
    {
        // Arrange
        var probe = CreateTestProbe();
        var first = Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), probe.Ref)), "reused");
        probe.ReceiveOne();
        probe.Watch(first);

        // Act
        Sys.Stop(first);
        probe.ExpectTerminated(first);
        var second = Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), probe.Ref)), "reused");

        // Assert
        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Path.Uid, second.Path.Uid);
        Assert.Equal(first.Path.ToString(), second.Path.ToString());
    }

    [Fact]
    public void Creating_two_actors_with_the_same_name_is_rejected()
    {
        Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), ActorRefs.Nobody)), "twin");

        Assert.Throws<InvalidActorNameException>(() =>
            Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), ActorRefs.Nobody)), "twin"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("has space")]
    public void Invalid_actor_names_are_rejected_with_a_clear_error(string name)
    {
        var error = Assert.Throws<InvalidActorNameException>(() =>
            Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), ActorRefs.Nobody)), name));

        Assert.Contains("Invalid actor name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_the_system_is_rejected()
    {
        Assert.Throws<ActorInitializationException>(() => new TreeActor(0, new ConcurrentQueue<string>(), ActorRefs.Nobody));
    }

    [Fact]
    public void GetOrAddExtension_creates_one_instance_per_system()
    {
        var calls = 0;

        var first = Sys.GetOrAddExtension(_ => new object[] { Interlocked.Increment(ref calls) });
        var second = Sys.GetOrAddExtension(_ => new object[] { Interlocked.Increment(ref calls) });

        Assert.Same(first, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Actor_paths_read_like_uris()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TreeActor(0, new ConcurrentQueue<string>(), ActorRefs.Nobody)), "named");

        Assert.Equal($"ta://{Sys.Name}/user/named", actor.Path.ToString());
        Assert.Equal("named", actor.Path.Name);
    }

    [Fact]
    public async Task Terminate_under_load_with_failures_and_restarts_still_runs_every_PostStop()
    {
        // Arrange: parents that spawn, stop, watch and fail while messages keep coming from two threads.
        var starts = 0;
        var stops = 0;
        var parents = Enumerable.Range(0, 10)
            .Select(i => Sys.ActorOf(Props.Create(() => new ChurningParent(() => Interlocked.Increment(ref starts), () => Interlocked.Increment(ref stops))), "p" + i))
            .ToArray();
        string[] commands = ["spawn", "spawn", "stop-one", "boom", "watch-all", "fan-out"];

        // Act
        await Task.WhenAll(Enumerable.Range(0, 2).Select(seed => Task.Run(() =>
        {
            var random = new Random(seed);
            for (var i = 0; i < 20_000; i++)
            {
                parents[random.Next(parents.Length)].Tell(commands[random.Next(commands.Length)]);
            }
        })));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.True(starts > parents.Length);
        Assert.Equal(Volatile.Read(ref starts), Volatile.Read(ref stops));
    }

    private sealed class TreeActor : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stops;

        public TreeActor(int depth, ConcurrentQueue<string> stops, IActorRef probe)
        {
            _stops = stops;
            ReceiveAny(_ => { });
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new TreeActor(depth - 1, stops, probe)), "child");
            }

            probe.Tell("started");
        }

        protected override void PostStop()
        {
            var path = Self.Path.ToString();
            _stops.Enqueue(path[path.IndexOf("/user", StringComparison.Ordinal)..]);
        }
    }

    private sealed class ChurningParent : ReceiveActor
    {
        private readonly Action _started;
        private readonly Action _stopped;

        public ChurningParent(Action started, Action stopped)
        {
            _started = started;
            _stopped = stopped;
            Receive<string>(_ =>
            {
                if (Context.Children.Count() < 20)
                {
                    Context.ActorOf(Props.Create(() => new ChurningChild(started, stopped)));
                }
            }, s => s == "spawn");
            Receive<string>(_ =>
            {
                if (Context.Children.FirstOrDefault() is { } child)
                {
                    Context.Stop(child);
                }
            }, s => s == "stop-one");
            Receive<string>(_ => throw new InvalidOperationException("boom"), s => s == "boom");
            Receive<string>(_ =>
            {
                foreach (var child in Context.Children)
                {
                    Context.Watch(child);
                }
            }, s => s == "watch-all");
            Receive<string>(_ =>
            {
                foreach (var child in Context.Children)
                {
                    child.Tell("work");
                }
            }, s => s == "fan-out");
            Receive<Terminated>(_ => { });
        }

        protected override void PreStart() => _started();

        protected override void PostStop() => _stopped();
    }

    private sealed class ChurningChild : ReceiveActor
    {
        private readonly Action _started;
        private readonly Action _stopped;

        public ChurningChild(Action started, Action stopped)
        {
            _started = started;
            _stopped = stopped;
            ReceiveAsync<string>(async _ => await Task.Yield());
        }

        protected override void PreStart()
        {
            _started();
            Context.Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(1));
        }

        protected override void PostStop() => _stopped();
    }
}
