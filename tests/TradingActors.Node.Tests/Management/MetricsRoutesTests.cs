using System.Diagnostics;
using System.Net;
using TradingActors.Exchange;
using TradingActors.Trading;
using TradingActors.Trading.Domain;

namespace TradingActors.Node.Tests.Management;

public sealed class MetricsRoutesTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Metrics_are_prometheus_text_with_the_node_gauges()
    {
        var response = await node.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE tradingactors_node_positions gauge", text, StringComparison.Ordinal);
        Assert.Contains("tradingactors_node_cluster_members{", text, StringComparison.Ordinal);
        Assert.Contains("tradingactors_node_shard_entities{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opened_position_shows_in_orders_sent_and_exchange_latency()
    {
        await node.Client.SendAsync(node.Authorized(HttpMethod.Post, "/positions", new { market = "spot", symbol = "ETHUSDT", side = "long", quantity = 0.01m }));

        await Eventually.ThatAsync(
            async () =>
            {
                var text = await node.Client.GetStringAsync("/metrics");
                return text.Contains("tradingactors_orders_sent", StringComparison.Ordinal)
                    && text.Contains("tradingactors_binance_request_seconds_bucket", StringComparison.Ordinal)
                    && text.Contains("tradingactors_journal_persist_seconds_bucket", StringComparison.Ordinal);
            },
            "the order never showed in /metrics");
    }

    [Fact]
    public async Task A_decided_entry_shows_in_the_tick_to_order_histogram()
    {
        var position = PositionId.New();
        TradingMetrics.EntryDecided(position, Stopwatch.GetTimestamp());
        TradingMetrics.OrderHandedOver(Market.Futures, position);

        await Eventually.ThatAsync(
            async () => (await node.Client.GetStringAsync("/metrics")).Contains("tradingactors_tick_to_order_seconds_bucket{", StringComparison.Ordinal),
            "tick_to_order_seconds never showed in /metrics");
    }
}
