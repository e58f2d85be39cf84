using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class StreamTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("/fstream/ws/{0}")]
    [InlineData("/fstream/private/ws?listenKey={0}")]
    public async Task Futures_fill_arrives_on_the_listen_key_stream(string pathFormat)
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, key));

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-u-1");

        var filled = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ORDER_TRADE_UPDATE" && m["o"]!["X"]!.GetValue<string>() == "FILLED");
        var account = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ACCOUNT_UPDATE");
        Assert.Equal("ta-u-1", filled["o"]!["c"]!.GetValue<string>());
        Assert.Equal("TRADE", filled["o"]!["x"]!.GetValue<string>());
        Assert.Equal("0.01", filled["o"]!["z"]!.GetValue<string>());
        Assert.Equal("ORDER", account["a"]!["m"]!.GetValue<string>());
        Assert.Equal("0.01", account["a"]!["P"]![0]!["pa"]!.GetValue<string>());
    }

    [Fact]
    public async Task Private_route_delivers_only_the_events_asked_for()
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync($"/fstream/private/ws?listenKey={key}&events=ACCOUNT_UPDATE");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");

        var first = await SimHarness.ReceiveAsync(socket);
        Assert.Equal("ACCOUNT_UPDATE", first!["e"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leverage_change_is_announced_as_account_config_update()
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=ETHUSDT&leverage=7");

        var update = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ACCOUNT_CONFIG_UPDATE");
        Assert.Equal("ETHUSDT", update["ac"]!["s"]!.GetValue<string>());
        Assert.Equal(7, update["ac"]!["l"]!.GetValue<int>());
    }

    [Fact]
    public async Task Algo_updates_arrive_on_the_futures_user_stream()
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=60000&quantity=0.01&workingType=MARK_PRICE&clientAlgoId=ta-a-1");

        var update = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ALGO_UPDATE");
        Assert.Equal("ta-a-1", update["o"]!["caid"]!.GetValue<string>());
        Assert.Equal("NEW", update["o"]!["X"]!.GetValue<string>());
        Assert.Equal("MARK_PRICE", update["o"]!["wt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spot_websocket_api_subscription_delivers_execution_reports()
    {
        using var socket = await _sim.ConnectAsync("/ws-api/v3");
        var timestamp = _sim.ServerTime;
        var payload = $"apiKey={_sim.Options.ApiKey}&timestamp={timestamp}";
        await SimHarness.SendAsync(socket, new { id = "s1", method = "userDataStream.subscribe.signature", @params = new { timestamp, apiKey = _sim.Options.ApiKey, signature = Signer.Sign(_sim.Options.ApiSecret, payload) } });
        var subscribed = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<string>() == "s1");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=ta-ws-1");

        var report = await SimHarness.ReceiveUntilAsync(socket, m => m["event"]?["e"]?.GetValue<string>() == "executionReport" && m["event"]!["X"]!.GetValue<string>() == "FILLED");
        var balances = await SimHarness.ReceiveUntilAsync(socket, m => m["event"]?["e"]?.GetValue<string>() == "outboundAccountPosition");
        Assert.Equal(200, subscribed["status"]!.GetValue<int>());
        Assert.Equal(0, subscribed["result"]!["subscriptionId"]!.GetValue<int>());
        Assert.Equal(0, report["subscriptionId"]!.GetValue<int>());
        Assert.Equal("ta-ws-1", report["event"]!["c"]!.GetValue<string>());
        Assert.Equal("TRADE", report["event"]!["x"]!.GetValue<string>());
        Assert.NotEmpty(balances["event"]!["B"]!.AsArray());
    }

    [Fact]
    public async Task Websocket_api_rejects_a_bad_signature_and_answers_ping_and_time()
    {
        using var socket = await _sim.ConnectAsync("/ws-api/v3");

        await SimHarness.SendAsync(socket, new { id = 1, method = "userDataStream.subscribe.signature", @params = new { apiKey = _sim.Options.ApiKey, timestamp = _sim.ServerTime, signature = new string('0', 64) } });
        var rejected = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, new { id = 2, method = "time" });
        var time = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, new { id = 3, method = "ping" });
        var ping = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, new { id = 4, method = "order.teleport" });
        var unknown = await SimHarness.ReceiveAsync(socket);

        Assert.Equal(-1022, rejected!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(_sim.ServerTime, time!["result"]!["serverTime"]!.GetValue<long>());
        Assert.Equal(200, ping!["status"]!.GetValue<int>());
        Assert.Equal(400, unknown!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Legacy_spot_listen_key_stream_delivers_execution_reports_and_list_status()
    {
        var key = await ListenKeyAsync("/api/v3/userDataStream");
        using var socket = await _sim.ConnectReadyAsync($"/ws/{key}");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1&aboveType=LIMIT_MAKER&abovePrice=67000&belowType=STOP_LOSS&belowStopPrice=63000");

        var report = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "executionReport");
        var list = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "listStatus");
        Assert.Equal("NEW", report["x"]!.GetValue<string>());
        Assert.Equal("EXEC_STARTED", list["l"]!.GetValue<string>());
        Assert.Equal(2, list["O"]!.AsArray().Count);
    }

    [Fact]
    public async Task Expired_listen_key_is_announced_and_the_stream_closes()
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");

        await _sim.ControlAsync(HttpMethod.Post, "/sim/listenKey/expire", new { market = "FUTURES" });

        var expired = await SimHarness.ReceiveAsync(socket);
        Assert.Equal("listenKeyExpired", expired!["e"]!.GetValue<string>());
        Assert.Equal(key, expired["listenKey"]!.GetValue<string>());
        Assert.Null(await SimHarness.ReceiveAsync(socket));
    }

    [Fact]
    public async Task Raw_book_ticker_stream_follows_the_price()
    {
        using var socket = await _sim.ConnectReadyAsync("/ws/btcusdt@bookTicker");

        await _sim.SetPriceAsync("BTCUSDT", 64000m, "SPOT");

        var quote = await SimHarness.ReceiveUntilAsync(socket, m => m["s"]?.GetValue<string>() == "BTCUSDT");
        Assert.Equal("63996.80000000", quote["b"]!.GetValue<string>());
        Assert.Equal("64003.20000000", quote["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task Combined_stream_wraps_agg_trades_and_klines_with_their_stream_names()
    {
        using var socket = await _sim.ConnectReadyAsync("/stream?streams=btcusdt@aggTrade/btcusdt@kline_1m");

        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        await _sim.SetPriceAsync("BTCUSDT", 64000m, "SPOT");

        var trade = await SimHarness.ReceiveUntilAsync(socket, m => m["stream"]?.GetValue<string>() == "btcusdt@aggTrade");
        var tradeKline = await SimHarness.ReceiveUntilAsync(socket, m => m["stream"]?.GetValue<string>() == "btcusdt@kline_1m");
        var kline = await SimHarness.ReceiveUntilAsync(socket, m => m["stream"]?.GetValue<string>() == "btcusdt@kline_1m");
        Assert.Equal("aggTrade", trade["data"]!["e"]!.GetValue<string>());
        Assert.Equal("0.01000000", trade["data"]!["q"]!.GetValue<string>());
        Assert.Equal("0.01000000", tradeKline["data"]!["k"]!["v"]!.GetValue<string>());
        Assert.Equal("1m", kline["data"]!["k"]!["i"]!.GetValue<string>());
        Assert.Equal("64000.00000000", kline["data"]!["k"]!["c"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_unsubscribe_and_list_subscriptions_control_a_connection()
    {
        using var socket = await _sim.ConnectAsync("/ws");

        await SimHarness.SendAsync(socket, new { method = "SUBSCRIBE", @params = new[] { "ethusdt@bookTicker", "btcusdt@depth5" }, id = 1 });
        var subscribed = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 1);
        await SimHarness.SendAsync(socket, new { method = "UNSUBSCRIBE", @params = new[] { "btcusdt@depth5" }, id = 2 });
        await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 2);
        await SimHarness.SendAsync(socket, new { method = "LIST_SUBSCRIPTIONS", id = 3 });
        var listed = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 3);
        await SimHarness.SendAsync(socket, new { method = "SUBSCRIBE", @params = new[] { "nope@bookTicker" }, id = 4 });
        var refused = await SimHarness.ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 4);

        Assert.Null(subscribed["result"]);
        Assert.True(subscribed.AsObject().ContainsKey("result"));
        Assert.Equal(["ethusdt@bookTicker"], listed["result"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(refused["error"]);
    }

    [Theory]
    [InlineData("/fstream/market/ws/btcusdt@markPrice", "markPriceUpdate")]
    [InlineData("/fstream/public/ws/btcusdt@depth5", "depthUpdate")]
    [InlineData("/fstream/public/ws/btcusdt@bookTicker", "bookTicker")]
    [InlineData("/fstream/ws/btcusdt@markPrice@1s", "markPriceUpdate")]
    public async Task Futures_market_streams_are_served_on_split_and_legacy_paths(string path, string eventType)
    {
        using var socket = await _sim.ConnectReadyAsync(path);

        await _sim.SetPriceAsync("BTCUSDT", 64000m, "FUTURES", markPrice: 64005m);

        var message = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == eventType);
        Assert.Equal("BTCUSDT", message["s"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_listen_keys_are_refused_at_the_handshake()
    {
        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => _sim.ConnectAsync("/fstream/ws/" + new string('A', 64)));
    }

    [Fact]
    public async Task Listen_key_expires_sixty_minutes_after_its_last_keepalive()
    {
        var key = await ListenKeyAsync("/fapi/v1/listenKey");
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");
        await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 59 * 60_000 });
        using var keepalive = new HttpRequestMessage(HttpMethod.Put, "/fapi/v1/listenKey");
        keepalive.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        (await _sim.Http.SendAsync(keepalive)).Dispose();

        await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 59 * 60_000 });
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var stillAlive = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ORDER_TRADE_UPDATE");
        await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 2 * 60_000 });

        var expired = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "listenKeyExpired");
        Assert.NotNull(stillAlive);
        Assert.Equal(key, expired["listenKey"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/ws")]
    [InlineData("/ws-api/v3")]
    [InlineData("/fstream/stream")]
    public async Task Garbage_messages_get_an_error_and_keep_the_connection_open(string path)
    {
        using var socket = await _sim.ConnectAsync(path);

        await socket.SendAsync("{not json"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        var error = await SimHarness.ReceiveAsync(socket);
        await SimHarness.SendAsync(socket, new { method = 42, id = 7 });
        var second = await SimHarness.ReceiveAsync(socket);

        Assert.NotNull(error!["error"]);
        Assert.NotNull(second!["error"]);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    private async Task<string> ListenKeyAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        using var response = await _sim.Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["listenKey"]!.GetValue<string>();
    }
}
