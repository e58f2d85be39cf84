namespace TradingActors.Actors;

/// <summary>How to create an actor: the factory runs on every start and restart, on the actor's own turn.</summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Func<ActorBase> factory, Type? actorType, SupervisorStrategy? supervisorStrategy)
    {
        _factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor type when known up front (null for factories until the first instance exists).</summary>
    public Type? ActorType { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(static () => new TActor(), typeof(TActor), null);

    public static Props Create(Func<ActorBase> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, null, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(_factory, ActorType, strategy);
    }

    internal ActorBase NewActor() => _factory() ?? throw new InvalidOperationException("The actor factory returned null.");
}
