namespace TradingActors.Node.Management;

/// <summary>The cluster routes' answers, in Akka Management's shapes (<c>/cluster/members</c>, <c>/cluster/shards/{name}</c>).</summary>
public static class ClusterDtos
{
    public sealed record MemberBody(string Node, string NodeUid, string Status, IReadOnlyList<string> Roles);

    public sealed record UnreachableBody(string Node, IReadOnlyList<string> ObservedBy);

    public sealed record MembersBody(string SelfNode, IReadOnlyList<MemberBody> Members, IReadOnlyList<UnreachableBody> Unreachable, string? Leader, string? Oldest);

    public sealed record MessageBody(string Message);

    public sealed record ShardBody(string ShardId, int NumEntities);

    public sealed record ShardRegionBody(string TypeName, IReadOnlyList<ShardBody> Regions, IReadOnlyList<string> Failed);

    public sealed record ShardTypesBody(IReadOnlyList<string> TypeNames);
}
