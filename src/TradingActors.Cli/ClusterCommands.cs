using System.CommandLine;
using System.Text.Json;
using static TradingActors.Cli.CommandContext;

namespace TradingActors.Cli;

/// <summary>pbm's commands: <c>actor hierarchy</c>, <c>cluster show|leave|down|down-unreachable</c>, <c>cluster-sharding regions|region-stats</c>.</summary>
internal static class ClusterCommands
{
    public static IEnumerable<Command> Build(CommandFactory factory)
    {
        var path = new Option<string>("--path", "-s") { Description = "the actor to start from", DefaultValueFactory = _ => "/user" };
        var depth = new Option<int>("--depth", "-d") { Description = "how many levels to show", DefaultValueFactory = _ => 3 };
        yield return CommandFactory.Group("actor", "the node's actors", factory.Leaf("hierarchy", "the actor tree (pbm: actor hierarchy)", async (p, c, ct) =>
        {
            var tree = await c.Client.GetAsync($"/actors?path={Uri.EscapeDataString(p.GetValue(path)!)}&depth={p.GetValue(depth)}", ct);
            if (c.Json)
            {
                c.WriteJson(tree);
                return ExitCodes.Ok;
            }

            WriteTree(c, tree, 0);
            return ExitCodes.Ok;
        }, path, depth));

        var address = new Argument<string>("address") { Description = "the member's address, e.g. akka.tcp://trading-node@127.0.0.1:4053" };
        yield return CommandFactory.Group(
            "cluster",
            "cluster membership",
            factory.Leaf("show", "members, status, roles, leader, unreachable (pbm: cluster show)", ShowAsync),
            factory.Leaf("leave", "ask a member to leave the cluster", (p, c, ct) => ChangeAsync(c, p.GetValue(address)!, "Leave", ct), address),
            factory.Leaf("down", "down a member (it is removed without leaving gracefully)", (p, c, ct) => ChangeAsync(c, p.GetValue(address)!, "Down", ct), address),
            factory.Leaf("down-unreachable", "down every unreachable member", DownUnreachableAsync));

        var region = new Option<string>("--region", "-r") { Description = "the entity type: position-futures, intent-futures, position-spot, intent-spot", Required = true };
        yield return CommandFactory.Group(
            "cluster-sharding",
            "sharded entities",
            factory.Leaf("regions", "the shard region type names", async (_, c, ct) =>
            {
                var body = await c.Client.GetAsync("/cluster/sharding/regions", ct);
                if (c.Json)
                {
                    c.WriteJson(body);
                    return ExitCodes.Ok;
                }

                foreach (var name in body.GetProperty("typeNames").EnumerateArray())
                {
                    c.Line(name.GetString()!);
                }

                return ExitCodes.Ok;
            }),
            factory.Leaf("region-stats", "shards and entities of one region (pbm: cluster-sharding region-stats)", async (p, c, ct) =>
            {
                var type = p.GetValue(region)!;
                var body = await c.Client.GetAsync($"/cluster/shards/{Uri.EscapeDataString(type)}", ct);
                if (c.Json)
                {
                    c.WriteJson(body);
                    return ExitCodes.Ok;
                }

                var shards = body.GetProperty("regions").EnumerateArray().ToList();
                foreach (var shard in shards)
                {
                    c.Line($"Shard {Text(shard, "shardId")} | {Text(shard, "numEntities")} entities");
                }

                c.Line($"Region {type}: {shards.Count} shards, {shards.Sum(s => s.GetProperty("numEntities").GetInt32())} entities");
                return ExitCodes.Ok;
            }, region));
    }

    private static async Task<int> ShowAsync(ParseResult parsed, CommandContext c, CancellationToken ct)
    {
        var body = await c.Client.GetAsync("/cluster/members", ct);
        if (c.Json)
        {
            c.WriteJson(body);
            return ExitCodes.Ok;
        }

        var unreachable = body.GetProperty("unreachable").EnumerateArray().Select(u => Text(u, "node")).ToHashSet();
        var members = body.GetProperty("members").EnumerateArray().ToList();
        foreach (var member in members)
        {
            var node = Text(member, "node");
            var roles = string.Join(", ", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            c.Line($"{node} | [{roles}] | {Text(member, "status").ToLowerInvariant()} | {(unreachable.Contains(node) ? "unreachable" : string.Empty)} | {Text(member, "nodeUid")}");
        }

        c.Line($"Count: {members.Count} nodes");
        c.Line($"Leader: {Text(body, "leader")}");
        return ExitCodes.Ok;
    }

    private static async Task<int> ChangeAsync(CommandContext c, string address, string operation, CancellationToken ct)
    {
        var body = await c.Client.SendAsync(
            HttpMethod.Put, $"/cluster/members/{Uri.EscapeDataString(address)}", new FormUrlEncodedContent([new("operation", operation)]), ct);
        if (c.Json)
        {
            c.WriteJson(body);
        }
        else
        {
            c.Line(Text(body, "message"));
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> DownUnreachableAsync(ParseResult parsed, CommandContext c, CancellationToken ct)
    {
        var members = await c.Client.GetAsync("/cluster/members", ct);
        var downed = new List<string>();
        foreach (var node in members.GetProperty("unreachable").EnumerateArray().Select(u => Text(u, "node")))
        {
            await c.Client.SendAsync(HttpMethod.Put, $"/cluster/members/{Uri.EscapeDataString(node)}", new FormUrlEncodedContent([new("operation", "Down")]), ct);
            downed.Add(node);
        }

        if (c.Json)
        {
            c.WriteJson(new { downed });
        }
        else
        {
            c.Line(downed.Count == 0 ? "No unreachable members." : string.Join(Environment.NewLine, downed.Select(d => $"Downing {d}")));
        }

        return ExitCodes.Ok;
    }

    private static void WriteTree(CommandContext c, JsonElement node, int level)
    {
        c.Line(new string(' ', level * 2) + Text(node, "path"));
        foreach (var child in node.GetProperty("children").EnumerateArray())
        {
            WriteTree(c, child, level + 1);
        }
    }
}
