using System.Net;

namespace TradingActors.Node.Tests.Management;

public sealed class KillSwitchTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Kill_switch_is_engaged_with_the_token()
    {
        var response = await node.Client.SendAsync(node.Authorized(HttpMethod.Post, "/kill-switch"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("engaged", (await node.JsonAsync(response)).GetProperty("result").GetString());
    }
}
