using System.Net.WebSockets;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Tests.Http;

namespace TradingActors.Simulator.Tests.Streams;

public sealed class StreamFidelityTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync(new SimulatorOptions { VirtualTime = true, WebSocketMaxLifetime = TimeSpan.FromMinutes(10) });

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("/ws/btcusdt@ticker", "24hrTicker")]
    [InlineData("/ws/btcusdt@miniTicker", "24hrMiniTicker")]
    [InlineData("/fstream/market/ws/btcusdt@ticker", "24hrTicker")]
    [InlineData("/fstream/market/ws/btcusdt@miniTicker", "24hrMiniTicker")]
    public async Task Ticker_streams_send_rolling_statistics(string path, string eventType)
    {
        using var socket = await _sim.ConnectReadyAsync(path);

        await AdvanceAsync(1_000);

        var ticker = await SimHarness.ReceiveUntilAsync(socket, m => m["e"] is not null);
        Assert.Equal(eventType, ticker["e"]!.GetValue<string>());
        Assert.Equal("BTCUSDT", ticker["s"]!.GetValue<string>());
        Assert.NotNull(ticker["h"]);
        Assert.NotNull(ticker["v"]);
    }

    [Fact]
    public async Task All_market_book_ticker_covers_every_symbol()
    {
        using var socket = await _sim.ConnectReadyAsync("/ws/!bookTicker");

        await AdvanceAsync(1_000);

        var symbols = new HashSet<string>();
        while (symbols.Count < 2)
        {
            var ticker = await SimHarness.ReceiveUntilAsync(socket, m => m["s"] is not null);
            symbols.Add(ticker["s"]!.GetValue<string>());
        }

        Assert.Equal(["BTCUSDT", "ETHUSDT"], symbols.Order());
    }

    [Theory]
    [InlineData("!markPrice@arr@1s")]
    [InlineData("!markPrice@arr")]
    public async Task Mark_price_array_lists_every_futures_symbol(string stream)
    {
        using var socket = await _sim.ConnectReadyAsync("/fstream/market/stream?streams=" + stream);

        await AdvanceAsync(3_000);

        var message = await SimHarness.ReceiveUntilAsync(socket, m => m["stream"] is not null);
        Assert.Equal(stream, message["stream"]!.GetValue<string>());
        var marks = message["data"]!.AsArray();
        Assert.Equal(["BTCUSDT", "ETHUSDT"], marks.Select(m => m!["s"]!.GetValue<string>()));
        Assert.All(marks, m => Assert.Equal("markPriceUpdate", m!["e"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/ws/1", "btcusdt@bookTicker")]
    [InlineData("/ws", "btcusdt@bookTicker")]
    [InlineData("/stream", "btcusdt@bookTicker")]
    [InlineData("/ws/not-a-stream", "btcusdt@bookTicker")]
    [InlineData("/fstream/ws/7", "btcusdt@bookTicker")]
    [InlineData("/fstream/public/ws/anything", "btcusdt@bookTicker")]
    [InlineData("/fstream/public/stream", "btcusdt@depth")]
    [InlineData("/fstream/market/ws/2", "btcusdt@aggTrade")]
    [InlineData("/fstream/market/stream", "btcusdt@markPrice@1s")]
    [InlineData("/fstream/private/ws", "btcusdt@bookTicker")]
    public async Task A_path_without_a_valid_stream_stays_open_and_serves_what_it_subscribes(string path, string stream)
    {
        using var socket = await _sim.ConnectReadyAsync(path);

        await SimHarness.SendAsync(socket, new { method = "SUBSCRIBE", @params = new[] { stream }, id = 1 });
        await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 1);
        await AdvanceAsync(2_000);

        var data = await SimHarness.ReceiveUntilAsync(socket, m => (m["data"] ?? m)["s"] is not null);
        Assert.Equal("BTCUSDT", (data["data"] ?? data)["s"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connections_close_at_the_maximum_lifetime_of_the_simulator_clock()
    {
        using var socket = await _sim.ConnectReadyAsync("/ws/btcusdt@bookTicker");

        await AdvanceAsync(9 * 60_000);
        Assert.Equal(WebSocketState.Open, socket.State);
        await AdvanceAsync(60_000);

        while (await SimHarness.ReceiveAsync(socket) is not null)
        {
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Websocket_api_logon_then_subscribe_delivers_user_data_and_reports_rate_limits()
    {
        using var socket = await _sim.ConnectAsync("/ws-api/v3");
        var timestamp = _sim.ServerTime;
        var payload = $"apiKey={_sim.Options.ApiKey}&timestamp={timestamp}";
        await SimHarness.SendAsync(socket, new { id = "logon", method = "session.logon", @params = new { apiKey = _sim.Options.ApiKey, timestamp, signature = Signer.Sign(_sim.Options.ApiSecret, payload) } });
        var logon = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<string>() == "logon");
        await SimHarness.SendAsync(socket, new { id = "sub", method = "userDataStream.subscribe" });
        var subscribed = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<string>() == "sub");
        await SimHarness.SendAsync(socket, new { id = "acct", method = "account.status" });
        var account = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<string>() == "acct");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=logon-1");

        var report = await SimHarness.ReceiveUntilAsync(socket, m => m["event"]?["e"]?.GetValue<string>() == "executionReport");
        Assert.Equal(_sim.Options.ApiKey, logon["result"]!["apiKey"]!.GetValue<string>());
        Assert.Equal(subscribed["result"]!["subscriptionId"]!.GetValue<int>(), report["subscriptionId"]!.GetValue<int>());
        Assert.Equal("logon-1", report["event"]!["c"]!.GetValue<string>());
        Assert.NotEmpty(account["result"]!["balances"]!.AsArray());
        var limit = account["rateLimits"]!.AsArray().Single()!;
        Assert.Equal("REQUEST_WEIGHT", limit["rateLimitType"]!.GetValue<string>());
        Assert.True(limit["count"]!.GetValue<int>() >= 20);
    }

    [Fact]
    public async Task Websocket_api_subscribe_without_logon_is_unauthorized()
    {
        using var socket = await _sim.ConnectAsync("/ws-api/v3");

        await SimHarness.SendAsync(socket, new { id = "sub", method = "userDataStream.subscribe" });

        var answer = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<string>() == "sub");
        Assert.Equal(-1002, answer["error"]!["code"]!.GetValue<int>());
    }

    private async Task AdvanceAsync(int ms) => await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms });
}
