using System.Net;
using System.Text.Json;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Domain;

namespace TradingActors.Node.Tests.Management;

public sealed class DashboardRoutesTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task The_dashboard_is_served_at_the_root_with_its_modules()
    {
        var page = await node.Client.GetAsync("/");
        var script = await node.Client.GetAsync("/js/app.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("js/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Risk_answers_the_kill_switch_the_daily_loss_and_the_limits()
    {
        var risk = await node.JsonAsync(await node.Client.GetAsync("/risk"));

        Assert.False(risk.GetProperty("killSwitchEngaged").GetBoolean());
        Assert.False(risk.GetProperty("entriesHalted").GetBoolean());
        Assert.True(risk.GetProperty("dailyLossUsed").GetDecimal() >= 0m);
        Assert.Equal(node.Host.Node.Strategies.RiskSettings.DailyLossLimit, risk.GetProperty("limits").GetProperty("dailyLossLimit").GetDecimal());
        Assert.Equal(node.Host.Node.Strategies.RiskSettings.MaxOpenPositions, risk.GetProperty("limits").GetProperty("maxOpenPositions").GetInt32());
    }

    [Theory]
    [InlineData("/events/tags", "tag")]
    [InlineData("/events/tags?tag=a%3Db", "tag")]
    [InlineData("/events/tags?tag=positions&from=positions%3Dx", "from")]
    public async Task Tag_events_with_bad_parameters_are_a_bad_request_naming_the_field(string path, string field)
    {
        var response = await node.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await node.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Tag_events_carry_each_tag_and_an_id_that_resumes_every_tag()
    {
        var price = node.Host.Node.Simulator!.Engine.Price(MarketKind.Spot, "BTCUSDT").Last;
        var id = PositionId.New().Value;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events/tags?tag=positions&tag=orders:executed");
        using var response = await node.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var opened = await node.Client.SendAsync(node.Authorized(HttpMethod.Post, "/positions", new
        {
            id, market = "spot", symbol = "BTCUSDT", side = "long", quantity = 0.001m, takeProfitPrice = decimal.Round(price * 1.5m, 2),
        }));
        Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        string? lastId = null;
        JsonElement data = default;
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                lastId = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = JsonDocument.Parse(line[6..]).RootElement.Clone();
                if (data.GetProperty("persistenceId").GetString() == $"position-{id}" && data.GetProperty("type").GetString() == "PositionOpened")
                {
                    break;
                }
            }
        }

        Assert.Equal("positions", data.GetProperty("tag").GetString());
        Assert.Matches(@"^positions=\d+,orders:executed=\d+$", lastId);
        Assert.Equal($"positions={data.GetProperty("offset").GetInt64()}", lastId!.Split(',')[0]);
    }
}
