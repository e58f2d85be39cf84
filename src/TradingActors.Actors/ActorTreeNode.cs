namespace TradingActors.Actors;

/// <summary>One live actor and its children, as returned by <see cref="ActorSystem.ActorTree"/>.</summary>
public sealed record ActorTreeNode(string Path, string ActorType, IReadOnlyList<ActorTreeNode> Children);
