using System.Net;

namespace TradingActors.Node.Tests.Management;

public sealed class JournalRoutesTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Journal_of_an_opened_position_has_its_events_in_order()
    {
        var opened = await node.Client.SendAsync(node.Authorized(HttpMethod.Post, "/positions", new { market = "spot", symbol = "BTCUSDT", side = "long", quantity = 0.001m }));
        var id = (await node.JsonAsync(opened)).GetProperty("id").GetString();

        var response = await node.Client.GetAsync($"/journal/position-{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await node.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal("PositionOpened", events[0].GetProperty("type").GetString());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("sequenceNr").GetInt64()));
    }

    [Fact]
    public async Task Journal_of_an_unknown_persistence_id_is_not_found()
    {
        var response = await node.Client.GetAsync("/journal/position-never-written");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("persistenceId", (await node.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Journal_of_a_persistence_id_with_spaces_is_a_bad_request()
    {
        var response = await node.Client.GetAsync("/journal/bad%20id");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("persistenceId", (await node.JsonAsync(response)).GetProperty("field").GetString());
    }
}
