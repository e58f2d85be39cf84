using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class TradeHistoryTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("/ws/btcusdt@trade", "/api/v3/trades")]
    [InlineData("/fstream/market/ws/btcusdt@trade", "/fapi/v1/trades")]
    public async Task Trade_stream_sends_trade_events_with_the_tape_trade_id(string streamPath, string tradesPath)
    {
        using var socket = await _sim.ConnectReadyAsync(streamPath);

        await AdvanceAsync(1_000);

        var trade = await SimHarness.ReceiveUntilAsync(socket, m => m["e"] is not null);
        Assert.Equal("trade", trade["e"]!.GetValue<string>());
        var tape = await GetAsync($"{tradesPath}?symbol=BTCUSDT&limit=1");
        Assert.Equal(tape[0]!["id"]!.GetValue<long>(), trade["t"]!.GetValue<long>());
        Assert.Equal(tape[0]!["price"]!.GetValue<string>(), trade["p"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v3/order", "/api/v3/myTrades", "quantity=0.001")]
    [InlineData("/fapi/v1/order", "/fapi/v1/userTrades", "quantity=0.002")]
    public async Task Own_trades_page_by_from_id_time_window_and_limit(string orderPath, string tradesPath, string quantity)
    {
        var times = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await AdvanceAsync(10_000);
            times.Add(_sim.ServerTime);
            await _sim.SignedJsonAsync(HttpMethod.Post, orderPath, $"symbol=BTCUSDT&side=BUY&type=MARKET&{quantity}");
        }

        var all = await SignedArrayAsync(tradesPath, "symbol=BTCUSDT");
        Assert.Equal(5, all.Count);
        var ids = all.Select(t => t!["id"]!.GetValue<long>()).ToList();

        var fromThird = await SignedArrayAsync(tradesPath, $"symbol=BTCUSDT&fromId={ids[2]}");
        var window = await SignedArrayAsync(tradesPath, $"symbol=BTCUSDT&startTime={times[1]}&endTime={times[3]}");
        var firstTwo = await SignedArrayAsync(tradesPath, $"symbol=BTCUSDT&fromId={ids[0]}&limit=2");
        var lastOne = await SignedArrayAsync(tradesPath, "symbol=BTCUSDT&limit=1");

        Assert.Equal(ids[2..], fromThird.Select(t => t!["id"]!.GetValue<long>()));
        Assert.Equal(ids[1..4], window.Select(t => t!["id"]!.GetValue<long>()));
        Assert.Equal(ids[..2], firstTwo.Select(t => t!["id"]!.GetValue<long>()));
        Assert.Equal(ids[4], lastOne.Single()!["id"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("/api/v3/order", "/api/v3/allOrders", "quantity=0.001")]
    [InlineData("/fapi/v1/order", "/fapi/v1/allOrders", "quantity=0.002")]
    public async Task All_orders_page_by_order_id_and_time_window(string orderPath, string allPath, string quantity)
    {
        var times = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            await AdvanceAsync(10_000);
            times.Add(_sim.ServerTime);
            await _sim.SignedJsonAsync(HttpMethod.Post, orderPath, $"symbol=BTCUSDT&side=BUY&type=MARKET&{quantity}");
        }

        var all = await SignedArrayAsync(allPath, "symbol=BTCUSDT");
        var ids = all.Select(o => o!["orderId"]!.GetValue<long>()).ToList();

        var fromSecond = await SignedArrayAsync(allPath, $"symbol=BTCUSDT&orderId={ids[1]}&limit=2");
        var window = await SignedArrayAsync(allPath, $"symbol=BTCUSDT&startTime={times[2]}&endTime={times[3]}");

        Assert.Equal(ids[1..3], fromSecond.Select(o => o!["orderId"]!.GetValue<long>()));
        Assert.Equal(ids[2..4], window.Select(o => o!["orderId"]!.GetValue<long>()));
    }

    [Theory]
    [InlineData("/api/v3/aggTrades")]
    [InlineData("/fapi/v1/aggTrades")]
    public async Task Agg_trades_page_from_an_id(string path)
    {
        await AdvanceAsync(5_000);
        var latest = await GetAsync($"{path}?symbol=BTCUSDT&limit=3");
        var first = latest[0]!["a"]!.GetValue<long>();

        var from = await GetAsync($"{path}?symbol=BTCUSDT&fromId={first}&limit=2");

        Assert.Equal(3, latest.Count);
        Assert.Equal([first, latest[1]!["a"]!.GetValue<long>()], from.Select(t => t!["a"]!.GetValue<long>()));
    }

    private async Task AdvanceAsync(int ms) => await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms });

    private async Task<JsonArray> SignedArrayAsync(string path, string query) => (await _sim.SignedJsonAsync(HttpMethod.Get, path, query)).AsArray();

    private async Task<JsonArray> GetAsync(string pathAndQuery)
    {
        using var response = await _sim.Http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsArray();
    }
}
