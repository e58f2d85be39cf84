using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class RestApiTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")]
    [InlineData("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943", "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9")]
    public void Test_signer_reproduces_binance_signature_vectors(string secret, string payload, string expected)
    {
        Assert.Equal(expected, Signer.Sign(secret, payload));
    }

    [Fact]
    public async Task Time_ping_and_exchange_info_answer_without_a_key()
    {
        var time = JsonNode.Parse(await _sim.Http.GetStringAsync("/api/v3/time"))!;
        var ping = await _sim.Http.GetStringAsync("/fapi/v1/ping");
        var spotInfo = JsonNode.Parse(await _sim.Http.GetStringAsync("/api/v3/exchangeInfo?symbol=BTCUSDT"))!;
        var futuresInfo = JsonNode.Parse(await _sim.Http.GetStringAsync("/fapi/v1/exchangeInfo"))!;

        Assert.Equal(_sim.ServerTime, time["serverTime"]!.GetValue<long>());
        Assert.Equal("{}", ping);
        var symbol = spotInfo["symbols"]!.AsArray().Single()!;
        Assert.Equal("BTCUSDT", symbol["symbol"]!.GetValue<string>());
        Assert.Contains(symbol["filters"]!.AsArray(), f => f!["filterType"]!.GetValue<string>() == "PRICE_FILTER" && f["tickSize"]!.GetValue<string>() == "0.01000000");
        Assert.Equal(2, futuresInfo["symbols"]!.AsArray().Count);
        Assert.Contains(futuresInfo["symbols"]![0]!["filters"]!.AsArray(), f => f!["filterType"]!.GetValue<string>() == "MIN_NOTIONAL");
    }

    [Fact]
    public async Task Signed_spot_limit_order_is_placed_queried_listed_and_cancelled()
    {
        using var placed = await _sim.SignedAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=ta-spot-1");
        var order = JsonNode.Parse(await placed.Content.ReadAsStringAsync())!;
        var query = await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=ta-spot-1");
        var open = await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/openOrders", "symbol=BTCUSDT");
        var cancel = await _sim.SignedJsonAsync(HttpMethod.Delete, "/api/v3/order", "symbol=BTCUSDT&orderId=" + order["orderId"]);
        var account = await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/account", string.Empty);

        Assert.True(placed.IsSuccessStatusCode);
        Assert.Equal("1", placed.Headers.GetValues("X-MBX-ORDER-COUNT-10S").Single());
        Assert.True(placed.Headers.Contains("X-MBX-USED-WEIGHT-1M"));
        Assert.Equal("NEW", order["status"]!.GetValue<string>());
        Assert.Equal("60000.00000000", order["price"]!.GetValue<string>());
        Assert.Equal("ta-spot-1", query["clientOrderId"]!.GetValue<string>());
        Assert.Single(open.AsArray());
        Assert.Equal("CANCELED", cancel["status"]!.GetValue<string>());
        Assert.Equal("ta-spot-1", cancel["origClientOrderId"]!.GetValue<string>());
        Assert.Contains(account["balances"]!.AsArray(), b => b!["asset"]!.GetValue<string>() == "USDT" && b["free"]!.GetValue<string>() == "100000.00000000");
    }

    [Fact]
    public async Task Spot_market_order_returns_its_fills_and_appears_in_my_trades()
    {
        var order = await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var trades = await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/myTrades", "symbol=BTCUSDT");

        Assert.Equal("FILLED", order["status"]!.GetValue<string>());
        Assert.Equal("BTC", order["fills"]![0]!["commissionAsset"]!.GetValue<string>());
        Assert.Equal(order["fills"]![0]!["tradeId"]!.GetValue<long>(), trades[0]!["id"]!.GetValue<long>());
        Assert.True(trades[0]!["isBuyer"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Form_body_parameters_are_signed_together_with_the_query_string()
    {
        var query = "symbol=BTCUSDT&timestamp=" + _sim.ServerTime;
        const string body = "side=SELL&type=MARKET&quantity=0.01";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v3/order?{query}&signature={Signer.Sign(_sim.Options.ApiSecret, query + body)}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);

        using var response = await _sim.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Futures_market_order_opens_a_position_reported_by_position_risk_and_account()
    {
        var order = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-f-1&newOrderRespType=RESULT");
        var v2 = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        var v3 = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v3/positionRisk", string.Empty);
        var account = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/account", string.Empty);
        var balance = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/balance", string.Empty);
        var trades = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT");

        Assert.Equal("FILLED", order["status"]!.GetValue<string>());
        Assert.Equal("0.01", v2[0]!["positionAmt"]!.GetValue<string>());
        Assert.Equal("isolated", v2[0]!["marginType"]!.GetValue<string>());
        Assert.Equal("20", v2[0]!["leverage"]!.GetValue<string>());
        Assert.Equal("BTCUSDT", Assert.Single(v3.AsArray())!["symbol"]!.GetValue<string>());
        Assert.True(decimal.Parse(account["availableBalance"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < 100_000m);
        Assert.Equal("USDT", balance[0]!["asset"]!.GetValue<string>());
        Assert.Equal(order["orderId"]!.GetValue<long>(), trades[0]!["orderId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Futures_ack_reports_the_order_as_accepted_and_result_as_it_ended()
    {
        var ack = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-ack-1");
        var query = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=ta-ack-1");

        Assert.Equal("NEW", ack["status"]!.GetValue<string>());
        Assert.Equal("0", ack["executedQty"]!.GetValue<string>());
        Assert.Equal("FILLED", query["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Futures_limit_order_rests_and_is_cancelled_by_client_id()
    {
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=ta-f-2");
        var open = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/openOrder", "symbol=BTCUSDT&origClientOrderId=ta-f-2");
        var cancel = await _sim.SignedJsonAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=ta-f-2");
        using var gone = await _sim.SignedAsync(HttpMethod.Get, "/fapi/v1/openOrder", "symbol=BTCUSDT&origClientOrderId=ta-f-2");

        Assert.Equal("NEW", open["status"]!.GetValue<string>());
        Assert.Equal("CANCELED", cancel["status"]!.GetValue<string>());
        Assert.Equal(-2013, (await SimHarness.ErrorOf(gone)).Code);
    }

    [Fact]
    public async Task Algo_stop_is_listed_then_fires_when_the_mark_price_falls_and_closes_the_position()
    {
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var algo = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=63000&workingType=MARK_PRICE&closePosition=true&clientAlgoId=ta-sl-1");
        var open = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        using var notOnOrderApi = await _sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=ta-sl-1");

        await _sim.SetPriceAsync("BTCUSDT", 62000m, "FUTURES");

        var done = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/algoOrder", "clientAlgoId=ta-sl-1");
        var position = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("NEW", algo["algoStatus"]!.GetValue<string>());
        Assert.Equal("STOP_MARKET", algo["orderType"]!.GetValue<string>());
        Assert.Single(open.AsArray());
        Assert.Equal(-2013, (await SimHarness.ErrorOf(notOnOrderApi)).Code);
        Assert.Equal("FINISHED", done["algoStatus"]!.GetValue<string>());
        Assert.Equal("0", position[0]!["positionAmt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conditional_type_on_the_order_endpoint_answers_4120()
    {
        using var response = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.01&stopPrice=60000");

        var (status, code, message) = await SimHarness.ErrorOf(response);
        Assert.Equal(400, status);
        Assert.Equal(-4120, code);
        Assert.Contains("Algo Order API", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spot_oco_on_both_endpoints_and_cancel_by_list()
    {
        var modern = await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1&aboveType=LIMIT_MAKER&abovePrice=67000&belowType=STOP_LOSS_LIMIT&belowStopPrice=63000&belowPrice=62900&belowTimeInForce=GTC&listClientOrderId=ta-oco-1");
        var cancelled = await _sim.SignedJsonAsync(HttpMethod.Delete, "/api/v3/orderList", "symbol=BTCUSDT&listClientOrderId=ta-oco-1");
        var legacy = await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1&price=67000&stopPrice=63000&stopLimitPrice=62900&stopLimitTimeInForce=GTC");

        Assert.Equal("OCO", modern["contingencyType"]!.GetValue<string>());
        Assert.Equal(2, modern["orderReports"]!.AsArray().Count);
        Assert.Equal("ALL_DONE", cancelled["listOrderStatus"]!.GetValue<string>());
        Assert.All(cancelled["orderReports"]!.AsArray(), o => Assert.Equal("CANCELED", o!["status"]!.GetValue<string>()));
        Assert.Equal("EXEC_STARTED", legacy["listStatusType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Leverage_margin_type_and_premium_index()
    {
        var leverage = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10");
        using var same = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=ISOLATED");
        var crossed = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/marginType", "symbol=BTCUSDT&marginType=CROSSED");
        await _sim.SetPriceAsync("BTCUSDT", 64000m, "FUTURES", markPrice: 64010m);
        var premium = JsonNode.Parse(await _sim.Http.GetStringAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT"))!;

        Assert.Equal(10, leverage["leverage"]!.GetValue<int>());
        Assert.Equal(-4046, (await SimHarness.ErrorOf(same)).Code);
        Assert.Equal(200, crossed["code"]!.GetValue<int>());
        Assert.Equal("64010", premium["markPrice"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listen_keys_are_created_extended_and_unknown_keys_are_1125()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/fapi/v1/listenKey");
        create.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        using var created = await _sim.Http.SendAsync(create);
        var key = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["listenKey"]!.GetValue<string>();
        using var spotCreate = new HttpRequestMessage(HttpMethod.Post, "/api/v3/userDataStream");
        spotCreate.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        using var spotCreated = await _sim.Http.SendAsync(spotCreate);
        using var keepalive = new HttpRequestMessage(HttpMethod.Put, "/api/v3/userDataStream?listenKey=nope");
        keepalive.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
        using var unknown = await _sim.Http.SendAsync(keepalive);

        Assert.Equal(64, key.Length);
        Assert.True(spotCreated.IsSuccessStatusCode);
        Assert.Equal(-1125, (await SimHarness.ErrorOf(unknown)).Code);
    }

    [Fact]
    public async Task Ledger_records_every_order_request_with_its_outcome()
    {
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-l-1");
        using var rejected = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&reduceOnly=true&newClientOrderId=ta-l-2");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&reduceOnly=true&newClientOrderId=ta-l-3");

        var all = (await _sim.ControlAsync(HttpMethod.Get, "/sim/ledger?symbol=BTCUSDT")).AsArray();
        var one = (await _sim.ControlAsync(HttpMethod.Get, "/sim/ledger?clientId=ta-l-3")).AsArray();

        Assert.Equal(["accepted", "rejected", "accepted"], all.Select(e => e!["outcome"]!.GetValue<string>()));
        Assert.Equal(-2022, all[1]!["code"]!.GetValue<int>());
        var reduce = Assert.Single(one)!;
        Assert.True(reduce["reduceOnly"]!.GetValue<bool>());
        Assert.Equal("SELL", reduce["side"]!.GetValue<string>());
        Assert.Equal("MARKET", reduce["type"]!.GetValue<string>());
        Assert.Equal("FUTURES", reduce["market"]!.GetValue<string>());
        Assert.False(rejected.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Klines_come_with_a_warm_up_history_that_ends_at_the_live_price()
    {
        await _sim.SetPriceAsync("BTCUSDT", 64000m, "SPOT");

        var minutes = JsonNode.Parse(await _sim.Http.GetStringAsync("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=100"))!.AsArray();
        var hours = JsonNode.Parse(await _sim.Http.GetStringAsync("/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=5"))!.AsArray();
        using var bad = await _sim.Http.GetAsync("/api/v3/klines?symbol=BTCUSDT&interval=7m");

        Assert.Equal(100, minutes.Count);
        Assert.Equal("64000.00000000", minutes[^1]![4]!.GetValue<string>());
        Assert.True(minutes[^1]![0]!.GetValue<long>() <= _sim.ServerTime);
        Assert.Equal(60_000, minutes[1]![0]!.GetValue<long>() - minutes[0]![0]!.GetValue<long>());
        Assert.Equal(5, hours.Count);
        Assert.Equal(-1120, (await SimHarness.ErrorOf(bad)).Code);
    }

    [Fact]
    public async Task Virtual_time_advances_only_on_command()
    {
        var before = _sim.ServerTime;

        var advanced = await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = 60_000 });

        Assert.Equal(before + 60_000, advanced["serverTime"]!.GetValue<long>());
        Assert.NotEqual(65000m, _sim.Server.Engine.Price(Simulator.Engine.MarketKind.Spot, "BTCUSDT").Last);
    }
}
