using TradingActors.Simulator;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class FuturesAccountRoutesTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Leverage_brackets_bound_the_leverage_answer_and_the_orders()
    {
        var brackets = await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/leverageBracket", "symbol=BTCUSDT");
        var leverage = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=100");
        using var tooLarge = await _sim.SignedAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=16");

        Assert.Equal("BTCUSDT", brackets["symbol"]!.GetValue<string>());
        var list = brackets["brackets"]!.AsArray();
        Assert.Equal(125, list[0]!["initialLeverage"]!.GetValue<int>());
        Assert.Equal(0m, list[0]!["notionalFloor"]!.GetValue<decimal>());
        Assert.All(list.Skip(1).Zip(list), pair => Assert.Equal(pair.Second!["notionalCap"]!.GetValue<decimal>(), pair.First!["notionalFloor"]!.GetValue<decimal>()));
        var allowing100 = list.Last(b => b!["initialLeverage"]!.GetValue<int>() >= 100)!;
        Assert.Equal(allowing100["notionalCap"]!.GetValue<decimal>(), decimal.Parse(leverage["maxNotionalValue"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(-2027, (await SimHarness.ErrorOf(tooLarge)).Code);
    }

    [Fact]
    public async Task Income_lists_realized_pnl_and_commission_that_add_up_to_the_wallet_change()
    {
        var before = await WalletAsync();
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        await _sim.SetPriceAsync("BTCUSDT", 65_432.1m, "FUTURES");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01");

        var income = (await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/income", "symbol=BTCUSDT")).AsArray();
        var trades = (await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT")).AsArray();

        Assert.Equal(["COMMISSION", "REALIZED_PNL", "COMMISSION"], income.Select(i => i!["incomeType"]!.GetValue<string>()));
        Assert.All(income, i => Assert.NotNull(i!["tranId"]));
        var closing = trades[1]!;
        Assert.Equal(closing["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), income[1]!["tradeId"]!.GetValue<string>());
        Assert.Equal(closing["realizedPnl"]!.GetValue<string>(), income[1]!["income"]!.GetValue<string>());
        Assert.True(Scale(closing["realizedPnl"]!.GetValue<string>()) <= 8);
        Assert.Equal(await WalletAsync() - before, income.Sum(i => Dec(i!["income"]!)));
    }

    [Fact]
    public async Task Amending_a_resting_limit_moves_it_and_reports_an_amendment()
    {
        var key = (await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/listenKey", string.Empty))["listenKey"]!.GetValue<string>();
        using var socket = await _sim.ConnectReadyAsync($"/fstream/ws/{key}");
        var placed = await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=amend-1");

        var amended = await _sim.SignedJsonAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={placed["orderId"]}&side=BUY&quantity=0.02&price=60100");
        using var missingPrice = await _sim.SignedAsync(HttpMethod.Put, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={placed["orderId"]}&side=BUY&quantity=0.02");

        Assert.Equal("60100", amended["price"]!.GetValue<string>());
        Assert.Equal("0.02", amended["origQty"]!.GetValue<string>());
        Assert.Equal("NEW", amended["status"]!.GetValue<string>());
        var update = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "ORDER_TRADE_UPDATE" && m["o"]!["x"]!.GetValue<string>() == "AMENDMENT");
        Assert.Equal("amend-1", update["o"]!["c"]!.GetValue<string>());
        Assert.Equal("60100", update["o"]!["p"]!.GetValue<string>());
        Assert.Equal(-1102, (await SimHarness.ErrorOf(missingPrice)).Code);
    }

    [Fact]
    public async Task Batch_orders_answer_each_order_or_its_error_and_cancel_by_id_list()
    {
        var batch = Uri.EscapeDataString("""[{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":"0.01","price":"60000"},{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":"0.01"}]""");

        var placed = (await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/batchOrders", $"batchOrders={batch}")).AsArray();
        var orderId = placed[0]!["orderId"]!.GetValue<long>();
        var canceled = (await _sim.SignedJsonAsync(HttpMethod.Delete, "/fapi/v1/batchOrders", $"symbol=BTCUSDT&orderIdList=%5B{orderId},1%5D")).AsArray();

        Assert.Equal("NEW", placed[0]!["status"]!.GetValue<string>());
        Assert.Equal(-1102, placed[1]!["code"]!.GetValue<int>());
        Assert.Equal("CANCELED", canceled[0]!["status"]!.GetValue<string>());
        Assert.Equal(-2011, canceled[1]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Funding_is_charged_every_eight_hours_at_the_premium_index_rate()
    {
        // Eight hours pass in a few steps: a connection would miss its keep-alive pongs, so these are stretched here.
        await _sim.DisposeAsync();
        _sim = await SimHarness.StartAsync(new SimulatorOptions
        {
            VirtualTime = true, FuturesWebSocketPongTimeout = TimeSpan.FromDays(1), WebSocketMaxLifetime = TimeSpan.FromDays(2),
        });
        var key = (await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/listenKey", string.Empty))["listenKey"]!.GetValue<string>();
        using var socket = await _sim.ConnectReadyAsync($"/fstream/private/ws?listenKey={key}&events=ACCOUNT_UPDATE");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
        var premium = await GetAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT");
        var nextFunding = premium["nextFundingTime"]!.GetValue<long>();
        var wallet = await WalletAsync();

        // Half an hour at a time, keeping the listen key alive as a client does (it expires after an hour unattended).
        for (var left = nextFunding - _sim.ServerTime; left > 0; left -= 1_800_000)
        {
            await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms = Math.Min(left, 1_800_000) });
            await _sim.SignedJsonAsync(HttpMethod.Put, "/fapi/v1/listenKey", string.Empty);
        }

        var mark = decimal.Parse((await GetAsync("/fapi/v1/premiumIndex?symbol=BTCUSDT"))["markPrice"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var funding = (await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/income", "incomeType=FUNDING_FEE")).AsArray().Single()!;
        var expected = Math.Round(-0.01m * mark * Dec(premium["lastFundingRate"]!), 8);
        Assert.Equal(expected, Dec(funding["income"]!));
        Assert.Equal(nextFunding, funding["time"]!.GetValue<long>());
        Assert.Equal(wallet + expected, await WalletAsync());
        var update = await SimHarness.ReceiveUntilAsync(socket, m => m["a"]?["m"]?.GetValue<string>() == "FUNDING_FEE");
        Assert.Equal("BTCUSDT", update["a"]!["P"]![0]!["s"]!.GetValue<string>());
        var rates = (await GetAsync("/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1")).AsArray();
        Assert.Equal(nextFunding, rates.Single()!["fundingTime"]!.GetValue<long>());
    }

    [Fact]
    public async Task Break_even_price_of_a_long_includes_fees()
    {
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");

        var position = (await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/positionRisk", "symbol=BTCUSDT")).AsArray().Single()!;

        Assert.True(Dec(position["breakEvenPrice"]!) > Dec(position["entryPrice"]!));
    }

    [Theory]
    [InlineData("/fapi/v1/ticker/24hr?symbol=BTCUSDT", "lastPrice")]
    [InlineData("/fapi/v2/ticker/price?symbol=BTCUSDT", "price")]
    [InlineData("/fapi/v1/openInterest?symbol=BTCUSDT", "openInterest")]
    [InlineData("/api/v3/ticker/24hr?symbol=BTCUSDT", "prevClosePrice")]
    [InlineData("/api/v3/ticker?symbol=BTCUSDT&windowSize=1h", "openPrice")]
    public async Task Public_market_routes_answer_in_binance_shapes(string pathAndQuery, string field) =>
        Assert.NotNull((await GetAsync(pathAndQuery))[field]);

    [Theory]
    [InlineData("/fapi/v1/commissionRate", "symbol=BTCUSDT", "takerCommissionRate")]
    [InlineData("/fapi/v1/accountConfig", "", "dualSidePosition")]
    [InlineData("/api/v3/account/commission", "symbol=BTCUSDT", "standardCommission")]
    public async Task Signed_account_routes_answer_in_binance_shapes(string path, string query, string field) =>
        Assert.NotNull((await _sim.SignedJsonAsync(HttpMethod.Get, path, query))[field]);

    [Fact]
    public async Task Symbol_config_and_order_rate_limits_answer_lists()
    {
        var config = (await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v1/symbolConfig", "symbol=ETHUSDT")).AsArray().Single()!;
        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001");
        var limits = (await _sim.SignedJsonAsync(HttpMethod.Get, "/api/v3/rateLimit/order", string.Empty)).AsArray();

        Assert.Equal("ISOLATED", config["marginType"]!.GetValue<string>());
        Assert.Equal(1, limits[0]!["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/fapi/v1/commissionRate")]
    [InlineData("/fapi/v1/openInterest")]
    public async Task Missing_mandatory_symbol_is_minus_1102(string path)
    {
        using var response = await _sim.SignedAsync(HttpMethod.Get, path, string.Empty);

        Assert.Equal(-1102, (await SimHarness.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Futures_429_quotes_the_futures_weight_limit()
    {
        await _sim.AddFaultAsync(new { kind = "rateLimit429", endpoint = "/fapi/v1/depth", count = 1 });

        using var response = await _sim.Http.GetAsync("/fapi/v1/depth?symbol=BTCUSDT");

        var (status, code, message) = await SimHarness.ErrorOf(response);
        Assert.Equal((429, -1003), (status, code));
        Assert.Contains("2400", message, StringComparison.Ordinal);
    }

    private static decimal Dec(JsonNode node) => decimal.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);

    private static int Scale(string number) => number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;

    private async Task<decimal> WalletAsync() => Dec((await _sim.SignedJsonAsync(HttpMethod.Get, "/fapi/v2/balance", string.Empty))[0]!["balance"]!);

    private async Task<JsonNode> GetAsync(string pathAndQuery)
    {
        using var response = await _sim.Http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }
}
