using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static TradingActors.Node.Management.ClusterDtos;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary>
/// Akka Management's cluster routes, served by the node itself: membership (read, leave, down) and shard statistics.
/// A member is named by its full address (<c>akka.tcp://trading-node@127.0.0.1:4053</c>, URL-encoded or not) or
/// without the protocol (<c>trading-node@127.0.0.1:4053</c>).
/// </summary>
public static class ClusterRoutes
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void MapClusterRoutes(IEndpointRouteBuilder app, TradingNode node, ManagementToken token)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(token);
        var cluster = Cluster.Get(node.System);

        app.MapGet("/cluster/members", () => Results.Ok(Members(cluster)));
        app.MapGet("/cluster/members/{**address}", (string address) =>
            Find(cluster, address) is { } member ? Results.Ok(Body(member)) : UnknownMember(address));
        app.MapGet("/cluster/sharding/regions", () =>
            Results.Ok(new ShardTypesBody([.. ClusterSharding.Get(node.System).ShardTypeNames.Order(StringComparer.Ordinal)])));
        app.MapGet("/cluster/shards/{name}", async (string name) =>
        {
            var sharding = ClusterSharding.Get(node.System);
            if (!sharding.ShardTypeNames.Contains(name))
            {
                return Results.Json(
                    new ErrorBody($"no shard region '{name}' (known: {string.Join(", ", sharding.ShardTypeNames.Order(StringComparer.Ordinal))})", "name"),
                    statusCode: StatusCodes.Status404NotFound);
            }

            var stats = await sharding.ShardRegion(name).Ask<ShardRegionStats>(GetShardRegionStats.Instance, node.OperatorTimeout(AskTimeout));
            var shards = stats.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardBody(s.Key, s.Value)).ToList();
            return Results.Ok(new ShardRegionBody(name, shards, [.. stats.Failed.Order(StringComparer.Ordinal)]));
        });

        var secured = app.Secured(token);
        secured.MapPut("/cluster/members/{**address}", async (HttpContext http, string address) =>
        {
            var operation = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["operation"].ToString() : string.Empty;
            var known = operation.ToUpperInvariant() switch
            {
                "DOWN" => "Down",
                "LEAVE" => "Leave",
                _ => null,
            };
            if (known is null)
            {
                return Results.Json(new ErrorBody("operation must be Down or Leave (form field operation=Down|Leave)", "operation"), statusCode: StatusCodes.Status400BadRequest);
            }

            return Find(cluster, address) is not { } member ? UnknownMember(address) : known == "Down" ? Down(cluster, member) : Leave(cluster, member);
        });
        secured.MapDelete("/cluster/members/{**address}", (string address) =>
            Find(cluster, address) is { } member ? Leave(cluster, member) : UnknownMember(address));
    }

    private static MembersBody Members(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();

        // Akka.NET keeps the reachability table (who observed whom) internal: every reachable member counts as a witness.
        var observers = state.Members.Where(m => !unreachable.Contains(m.Address)).Select(m => m.Address.ToString()).ToList();
        var oldest = state.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        return new MembersBody(
            cluster.SelfAddress.ToString(),
            [.. state.Members.Select(Body)],
            [.. state.Unreachable.Select(m => new UnreachableBody(m.Address.ToString(), observers))],
            state.Leader?.ToString(),
            oldest?.Address.ToString());
    }

    private static MemberBody Body(Member member) =>
        new(member.Address.ToString(), member.UniqueAddress.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), member.Status.ToString(), [.. member.Roles.Order(StringComparer.Ordinal)]);

    private static Member? Find(Cluster cluster, string address)
    {
        var wanted = Uri.UnescapeDataString(address).Trim().TrimEnd('/');
        return cluster.State.Members.Concat(cluster.State.Unreachable).FirstOrDefault(m =>
            m.Address.ToString() == wanted || $"{m.Address.System}@{m.Address.Host}:{m.Address.Port}" == wanted);
    }

    private static IResult Down(Cluster cluster, Member member)
    {
        cluster.Down(member.Address);
        return Results.Ok(new MessageBody($"Downing {member.Address}"));
    }

    private static IResult Leave(Cluster cluster, Member member)
    {
        cluster.Leave(member.Address);
        return Results.Ok(new MessageBody($"Leaving {member.Address}"));
    }

    private static IResult UnknownMember(string address) =>
        Results.Json(new ErrorBody($"no member '{Uri.UnescapeDataString(address)}' in the cluster (see GET /cluster/members)", "address"), statusCode: StatusCodes.Status404NotFound);
}
