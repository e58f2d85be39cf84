namespace TradingActors.Actors;

/// <summary>
/// The address of an actor: <c>ta://system/user/a/b</c>. <see cref="Uid"/> tells incarnations apart: a restart
/// keeps the uid, a stop ends it, and a new actor under the same name gets a new one.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _systemName;
    private string? _text;

    internal ActorPath(string systemName)
    {
        _systemName = systemName;
        Name = string.Empty;
    }

    private ActorPath(ActorPath parent, string name, long uid)
    {
        _systemName = parent._systemName;
        Parent = parent;
        Name = name;
        Uid = uid;
    }

    public string Name { get; }

    public ActorPath? Parent { get; }

    public long Uid { get; }

    public string SystemName => _systemName;

    internal ActorPath Child(string name, long uid) => new(this, name, uid);

    public override string ToString() => _text ??= Parent is null ? "ta://" + _systemName : Parent + "/" + Name;

    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) || (Uid == other.Uid && ToString() == other.ToString()));

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => HashCode.Combine(ToString(), Uid);
}
