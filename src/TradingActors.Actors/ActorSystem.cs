using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TradingActors.Actors.Internal;

namespace TradingActors.Actors;

/// <summary>
/// A tree of actors under a root: <c>/user</c> holds application actors, <c>/system</c> kernel and test helpers.
/// Terminating stops <c>/user</c> top-down (children finish before their parents), then <c>/system</c>.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ActorPath _tempRoot;
    private readonly DeadLetterActorRef _deadLetters;
    private readonly DeadLetterLog _deadLetterLog;
    private readonly ILogger _log;
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, Lazy<object>> _extensions = new();
    private readonly ConcurrentDictionary<Type, ILogger> _loggers = new();
    private long _uid;
    private long _tempCounter;
    private long _deadLetterCount;
    private int _terminateRequested;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        _log = settings.LoggerFactory.CreateLogger<ActorSystem>();
        var root = new ActorPath(name);
        _tempRoot = root.Child("temp", 0);
        EventStream = new EventStream();
        _deadLetters = new DeadLetterActorRef(this, root.Child("deadLetters", 0));
        _deadLetterLog = new DeadLetterLog(settings.LoggerFactory.CreateLogger("TradingActors.Actors.DeadLetters"), settings.TimeProvider, settings.DeadLetterLogMaxPerMinute);
        var rootGuardian = new RootGuardianRef(this, root);
        _userGuardian = new ActorCell(this, root.Child("user", NextUid()), Props.Create(() => new GuardianActor(settings.GuardianSupervisorStrategy)), rootGuardian);
        _systemGuardian = new ActorCell(this, root.Child("system", NextUid()), Props.Create(() => new GuardianActor(SupervisorStrategy.DefaultStrategy)), rootGuardian);
        _userGuardian.Start();
        _systemGuardian.Start();
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public TimeProvider TimeProvider => Settings.TimeProvider;

    public ILoggerFactory LoggerFactory => Settings.LoggerFactory;

    public EventStream EventStream { get; }

    public IActorRef DeadLetters => _deadLetters;

    public Task WhenTerminated => _whenTerminated.Task;

    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Invalid actor system name '{name}': use ASCII letters, digits, '-' and '_'.", nameof(name));
        }

        settings ??= new ActorSystemSettings();
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under <c>/system</c>: kernel helpers that outlive every user actor on shutdown.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target)
        {
            throw new ArgumentException($"Cannot stop {actor.GetType().Name}: not a reference of this kernel.", nameof(actor));
        }

        target.SendSystemMessage(Internal.Terminate.Instance);
    }

    /// <summary>Stops every actor (children before parents, every PostStop runs); idempotent.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            _userGuardian.SelfRef.SendSystemMessage(Internal.Terminate.Instance);
        }

        return WhenTerminated;
    }

    public IReadOnlyList<ActorTreeNode> ActorTree() => [Node(_userGuardian), Node(_systemGuardian)];

    public T GetOrAddExtension<T>(Func<ActorSystem, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var lazy = _extensions.GetOrAdd(typeof(T), _ => new Lazy<object>(() => factory(this), LazyThreadSafetyMode.ExecutionAndPublication));
        return (T)lazy.Value;
    }

    public async ValueTask DisposeAsync() => await Terminate().ConfigureAwait(false);

    public override string ToString() => "ta://" + Name;

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal ActorPath NewTempPath() =>
        _tempRoot.Child("$" + Interlocked.Increment(ref _tempCounter).ToString(CultureInfo.InvariantCulture), 0);

    internal ILogger CreateLogger(Type type) => _loggers.GetOrAdd(type, t => LoggerFactory.CreateLogger(t.FullName ?? t.Name));

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        Interlocked.Increment(ref _deadLetterCount);
        EventStream.Publish(deadLetter);
        _deadLetterLog.Record(deadLetter);
    }

    internal void OnGuardianFailed(LocalActorRef guardian, Exception cause)
    {
        _log.LogCritical(cause, "Guardian {Guardian} escalated a failure; terminating actor system {System}", guardian.Path, Name);
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            _userGuardian.SelfRef.SendSystemMessage(Internal.Terminate.Instance);
        }

        if (ReferenceEquals(guardian, _systemGuardian.SelfRef))
        {
            _systemGuardian.SelfRef.SendSystemMessage(Internal.Terminate.Instance);
        }
    }

    internal void OnGuardianTerminated(LocalActorRef guardian)
    {
        if (ReferenceEquals(guardian, _userGuardian.SelfRef))
        {
            Interlocked.Exchange(ref _terminateRequested, 1);
            _systemGuardian.SelfRef.SendSystemMessage(Internal.Terminate.Instance);
        }
        else if (ReferenceEquals(guardian, _systemGuardian.SelfRef))
        {
            _whenTerminated.TrySetResult();
        }
    }

    private static ActorTreeNode Node(ActorCell cell) =>
        new(cell.SelfRef.Path.ToString(), cell.ActorTypeName, [.. cell.ChildrenSnapshot().Select(c => Node(c.Ref.Cell))]);
}
