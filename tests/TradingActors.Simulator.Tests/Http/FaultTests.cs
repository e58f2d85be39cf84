using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class FaultTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync(timeout: TimeSpan.FromSeconds(3));

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<JsonNode> QueryFutures(string clientId) => _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=" + clientId);

    [Fact]
    public async Task Latency_delays_the_answer_once()
    {
        await _sim.AddFaultAsync(new { kind = "latency", endpoint = "/api/v3/time", latencyMs = 300, count = 1 });

        var watch = Stopwatch.StartNew();
        await _sim.Http.GetStringAsync("/api/v3/time");
        var delayed = watch.Elapsed;

        Assert.True(delayed >= TimeSpan.FromMilliseconds(290), $"took {delayed}");
        Assert.Empty((await _sim.ControlAsync(HttpMethod.Get, "/sim/faults")).AsArray());
    }

    [Fact]
    public async Task Dropped_response_aborts_the_connection_but_the_order_exists()
    {
        await _sim.AddFaultAsync(new { kind = "dropResponseAfterExecute", endpoint = "/fapi/v1/order", method = "POST", count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-drop-1"));

        Assert.Equal("FILLED", (await QueryFutures("ta-drop-1"))["status"]!.GetValue<string>());
        var entry = Assert.Single((await _sim.ControlAsync(HttpMethod.Get, "/sim/ledger?clientId=ta-drop-1")).AsArray())!;
        Assert.Equal("dropped", entry["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hanging_response_times_the_client_out_after_the_order_was_accepted()
    {
        await _sim.AddFaultAsync(new { kind = "dropResponseAfterExecute", endpoint = "/api/v3/order", mode = "hang", count = 1 });

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => _sim.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=ta-hang-1"));

        var order = await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=ta-hang-1");
        Assert.Equal("NEW", order["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Http_5xx_after_execute_leaves_the_order_in_place()
    {
        await _sim.AddFaultAsync(new { kind = "http5xx", endpoint = "/fapi/v1/order", status = 502, count = 1 });

        using var response = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=ta-5xx-1");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(-1000, (await SimHarness.ErrorOf(response)).Code);
        Assert.Equal("NEW", (await QueryFutures("ta-5xx-1"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Futures_503_unknown_error_after_execute()
    {
        await _sim.AddFaultAsync(new { kind = "futures503Unknown", endpoint = "/fapi/v1/order", symbol = "BTCUSDT", count = 1 });

        using var response = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-503-1");

        var (status, _, message) = await SimHarness.ErrorOf(response);
        Assert.Equal(503, status);
        Assert.Equal("Unknown error, please check your request or try again later.", message);
        Assert.Equal("FILLED", (await QueryFutures("ta-503-1"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Spot_1007_without_execution_leaves_no_order()
    {
        await _sim.AddFaultAsync(new { kind = "spotMinus1007", endpoint = "/api/v3/order", method = "POST", execute = false, count = 1 });

        using var response = await _sim.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-1007-1");
        using var query = await _sim.SignedAsync(HttpMethod.Get, "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=ta-1007-1");

        Assert.Equal(-1007, (await SimHarness.ErrorOf(response)).Code);
        Assert.Equal(-2013, (await SimHarness.ErrorOf(query)).Code);
    }

    [Fact]
    public async Task Position_lag_hides_a_fill_from_position_risk_until_the_lag_has_passed()
    {
        await _sim.AddFaultAsync(new { kind = "positionLagMs", lagMs = 2000 });
        await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 10 });

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var lagging = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        var laggingAccount = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v3/account", string.Empty);
        await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 2000 });
        var caughtUp = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");

        Assert.Equal("0", lagging[0]!["positionAmt"]!.GetValue<string>());
        Assert.Empty(laggingAccount["positions"]!.AsArray());
        Assert.Equal("0.01", caughtUp[0]!["positionAmt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rate_limit_429_and_ban_418_carry_retry_after()
    {
        await _sim.AddFaultAsync(new { kind = "rateLimit429", endpoint = "/fapi/v1/order", retryAfterSeconds = 7, count = 1 });
        await _sim.AddFaultAsync(new { kind = "ban418", endpoint = "/api/v3/*", retryAfterSeconds = 120, count = 1 });

        using var limited = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        using var banned = await _sim.Http.GetAsync("/api/v3/ping");
        using var after = await _sim.Http.GetAsync("/api/v3/ping");

        Assert.Equal((429, -1015), ((int)limited.StatusCode, (await SimHarness.ErrorOf(limited)).Code));
        Assert.Equal("7", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(418, (int)banned.StatusCode);
        Assert.Equal("120", banned.Headers.GetValues("Retry-After").Single());
        Assert.True(after.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Oco_and_stops_can_be_disallowed_per_symbol_and_cleared()
    {
        await _sim.AddFaultAsync(new { faults = new object[] { new { kind = "ocoNotAllowed", symbol = "BTCUSDT" }, new { kind = "stopsNotSupported", symbol = "BTCUSDT" } } });

        var info = JsonNode.Parse(await _sim.Http.GetStringAsync("/api/v3/exchangeInfo?symbol=BTCUSDT"))!["symbols"]![0]!;
        using var oco = await _sim.SignedAsync(HttpMethod.Post, "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1&price=67000&stopPrice=63000");
        using var stop = await _sim.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.1&stopPrice=63000");
        await _sim.ControlAsync(HttpMethod.Delete, "/sim/faults");
        using var stopAgain = await _sim.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.1&stopPrice=63000");

        Assert.False(info["ocoAllowed"]!.GetValue<bool>());
        Assert.DoesNotContain(info["orderTypes"]!.AsArray(), t => t!.GetValue<string>() == "STOP_LOSS");
        Assert.Equal(-2010, (await SimHarness.ErrorOf(oco)).Code);
        Assert.Equal(-2010, (await SimHarness.ErrorOf(stop)).Code);
        Assert.True(stopAgain.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Forced_partial_fill_expires_the_rest_of_a_market_order()
    {
        await _sim.AddFaultAsync(new { kind = "forcePartialFill", symbol = "BTCUSDT", market = "FUTURES", fraction = 0.5, count = 1 });

        var order = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.02&newOrderRespType=RESULT");

        Assert.Equal("EXPIRED", order["status"]!.GetValue<string>());
        Assert.Equal("0.01", order["executedQty"]!.GetValue<string>());
    }

    [Fact]
    public async Task User_stream_disconnect_drops_the_listen_key_connection()
    {
        var key = await ListenKeyAsync();
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");

        await _sim.AddFaultAsync(new { kind = "userStreamDisconnect", market = "FUTURES" });

        var ended = await Record.ExceptionAsync(() => SimHarness.ReceiveAsync(socket));
        Assert.True(ended is WebSocketException || socket.State != WebSocketState.Open, $"socket still {socket.State}");
    }

    [Fact]
    public async Task Drop_next_user_event_loses_exactly_one_event()
    {
        var key = await ListenKeyAsync();
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");
        await _sim.AddFaultAsync(new { kind = "dropNextUserEvent", symbol = "BTCUSDT" });

        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");

        var first = await SimHarness.ReceiveAsync(socket);
        Assert.Equal("ORDER_TRADE_UPDATE", first!["e"]!.GetValue<string>());
        Assert.Equal("TRADE", first["o"]!["x"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"kind\":\"meteor\"}")]
    [InlineData("{\"kind\":\"latency\",\"latencyMs\":-5}")]
    [InlineData("{\"kind\":\"latency\",\"count\":0}")]
    [InlineData("{\"kind\":\"dropResponseAfterExecute\",\"mode\":\"explode\"}")]
    [InlineData("{\"kind\":\"forcePartialFill\",\"symbol\":\"BTCUSDT\",\"fraction\":2}")]
    [InlineData("{\"kind\":\"ocoNotAllowed\"}")]
    [InlineData("{\"count\":1}")]
    public async Task Invalid_faults_are_refused_with_a_binance_shaped_400(string body)
    {
        using var response = await _sim.Http.PostAsync("/sim/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var (status, code, _) = await SimHarness.ErrorOf(response);
        Assert.Equal(400, status);
        Assert.True(code < 0);
        Assert.Empty((await _sim.ControlAsync(HttpMethod.Get, "/sim/faults")).AsArray());
    }

    private async Task<string> ListenKeyAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/listenKey");
        request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        using var response = await _sim.Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["listenKey"]!.GetValue<string>();
    }
}
