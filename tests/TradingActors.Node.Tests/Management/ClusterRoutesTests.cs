using System.Net;
using System.Text.Json;

namespace TradingActors.Node.Tests.Management;

public sealed class ClusterRoutesTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Members_lists_this_node_up_as_leader_and_oldest()
    {
        var body = await node.JsonAsync(await node.Client.GetAsync("/cluster/members"));

        var self = body.GetProperty("selfNode").GetString();
        var member = Assert.Single(body.GetProperty("members").EnumerateArray());
        Assert.Equal(self, member.GetProperty("node").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(member.GetProperty("nodeUid").GetString()));
        Assert.Equal(JsonValueKind.Array, member.GetProperty("roles").ValueKind);
        Assert.Empty(body.GetProperty("unreachable").EnumerateArray());
        Assert.Equal(self, body.GetProperty("leader").GetString());
        Assert.Equal(self, body.GetProperty("oldest").GetString());
    }

    [Fact]
    public async Task One_member_is_found_by_its_encoded_address_or_without_protocol()
    {
        var self = (await node.JsonAsync(await node.Client.GetAsync("/cluster/members"))).GetProperty("selfNode").GetString()!;

        var encoded = await node.Client.GetAsync("/cluster/members/" + Uri.EscapeDataString(self));
        var bare = await node.Client.GetAsync("/cluster/members/" + self[(self.IndexOf("://", StringComparison.Ordinal) + 3)..]);

        Assert.Equal(HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal(self, (await node.JsonAsync(encoded)).GetProperty("node").GetString());
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
    }

    [Fact]
    public async Task Unknown_member_is_not_found_naming_the_address()
    {
        var response = await node.Client.GetAsync("/cluster/members/" + Uri.EscapeDataString("akka.tcp://nobody@127.0.0.1:1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("address", (await node.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Changing_a_member_without_a_token_is_unauthorized()
    {
        var put = await node.Client.PutAsync("/cluster/members/x", new FormUrlEncodedContent([new("operation", "Leave")]));
        var delete = await node.Client.DeleteAsync("/cluster/members/x");

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task Unknown_operation_is_a_bad_request_naming_the_operation()
    {
        var request = node.Authorized(HttpMethod.Put, "/cluster/members/x", new FormUrlEncodedContent([new("operation", "Explode")]));

        var response = await node.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("operation", (await node.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Downing_or_leaving_an_unknown_member_is_not_found()
    {
        var address = Uri.EscapeDataString("akka.tcp://nobody@127.0.0.1:1");

        var down = await node.Client.SendAsync(node.Authorized(HttpMethod.Put, "/cluster/members/" + address, new FormUrlEncodedContent([new("operation", "Down")])));
        var leave = await node.Client.SendAsync(node.Authorized(HttpMethod.Delete, "/cluster/members/" + address));

        Assert.Equal(HttpStatusCode.NotFound, down.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, leave.StatusCode);
    }

    [Fact]
    public async Task Sharding_regions_are_positions_and_intents_per_market_and_the_strategies()
    {
        var body = await node.JsonAsync(await node.Client.GetAsync("/cluster/sharding/regions"));

        var names = body.GetProperty("typeNames").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(["intent-futures", "intent-spot", "position-futures", "position-spot", "strategy"], names);
    }

    [Fact]
    public async Task Shard_stats_of_a_region_are_listed_by_shard()
    {
        var response = await node.Client.GetAsync("/cluster/shards/position-futures");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var regions = (await node.JsonAsync(response)).GetProperty("regions");
        Assert.All(regions.EnumerateArray(), r => Assert.True(r.GetProperty("numEntities").GetInt32() >= 0));
    }

    [Fact]
    public async Task Shard_stats_of_an_unknown_region_are_not_found()
    {
        var response = await node.Client.GetAsync("/cluster/shards/no-such-type");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("name", (await node.JsonAsync(response)).GetProperty("field").GetString());
    }
}
