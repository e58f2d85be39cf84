using System.Collections.Concurrent;
using TradingActors.Actors;

namespace TradingActors.TestKit;

/// <summary>
/// An actor whose inbox the test reads: expect messages with a timeout, reply to the last sender, watch actors.
/// The Expect* methods block the calling test thread (never an actor's).
/// </summary>
public sealed class TestProbe
{
    private readonly ConcurrentQueue<Envelope> _inbox = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly TimeSpan _defaultTimeout;
    private IActorRef? _lastSender;

    /// <summary>A probe on any system (ActorTestKit.CreateTestProbe is the usual way); default timeout 3 s.</summary>
    public TestProbe(ActorSystem system, string? name = null, TimeSpan? defaultTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        _defaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(3);
        System = system;
        Ref = system.SystemActorOf(Props.Create(() => new TestProbeActor(this)), name);
    }

    public IActorRef Ref { get; }

    public ActorSystem System { get; }

    /// <summary>The sender of the last received message (dead letters when it had none).</summary>
    public IActorRef LastSender => _lastSender ?? System.DeadLetters;

    public T ExpectMsg<T>(TimeSpan? timeout = null)
    {
        var message = ReceiveOne(timeout);
        return message is T typed
            ? typed
            : throw new TestKitException($"Expected a {typeof(T).Name} but received {Describe(message)}.");
    }

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var typed = ExpectMsg<T>(timeout);
        return predicate(typed)
            ? typed
            : throw new TestKitException($"Received {Describe(typed!)} but it did not match the predicate.");
    }

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        if (!await _available.WaitAsync(timeout ?? _defaultTimeout).ConfigureAwait(false))
        {
            throw new TestKitException($"Timed out after {timeout ?? _defaultTimeout} waiting for a {typeof(T).Name}.");
        }

        var message = Take();
        return message is T typed
            ? typed
            : throw new TestKitException($"Expected a {typeof(T).Name} but received {Describe(message)}.");
    }

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/> (this does wait that long).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_available.Wait(duration))
        {
            throw new TestKitException($"Expected no message but received {Describe(Take())}.");
        }
    }

    /// <summary>Receives messages, skipping every one that is not a matching <typeparamref name="T"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var deadline = DateTime.UtcNow + (timeout ?? _defaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_available.Wait(left))
            {
                throw new TestKitException($"Timed out waiting for a matching {typeof(T).Name}.");
            }

            if (Take() is T typed && isTheOne(typed))
            {
                return typed;
            }
        }
    }

    public object ReceiveOne(TimeSpan? timeout = null)
    {
        var wait = timeout ?? _defaultTimeout;
        return _available.Wait(wait) ? Take() : throw new TestKitException($"Timed out after {wait} waiting for a message.");
    }

    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? _defaultTimeout);
        var messages = new List<object>(n);
        while (messages.Count < n)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_available.Wait(left))
            {
                throw new TestKitException($"Timed out after receiving {messages.Count} of {n} messages.");
            }

            messages.Add(Take());
        }

        return messages;
    }

    public void Watch(IActorRef actor) => Ref.Tell(new TestProbeActor.WatchCommand(actor));

    public void Unwatch(IActorRef actor) => Ref.Tell(new TestProbeActor.UnwatchCommand(actor));

    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null)
    {
        var terminated = ExpectMsg<Terminated>(timeout);
        return terminated.ActorRef.Equals(actor)
            ? terminated
            : throw new TestKitException($"Expected Terminated for {actor.Path} but it was for {terminated.ActorRef.Path}.");
    }

    public void Reply(object message) => LastSender.Tell(message, Ref);

    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    public void Forward(IActorRef target, object message) => target.Tell(message, LastSender);

    internal void Enqueue(Envelope envelope)
    {
        _inbox.Enqueue(envelope);
        _available.Release();
    }

    private static string Describe(object message) => $"{message.GetType().Name} ({message})";

    private object Take()
    {
        if (!_inbox.TryDequeue(out var envelope))
        {
            throw new InvalidOperationException("Probe inbox out of step with its counter.");
        }

        _lastSender = envelope.Sender;
        return envelope.Message;
    }
}
