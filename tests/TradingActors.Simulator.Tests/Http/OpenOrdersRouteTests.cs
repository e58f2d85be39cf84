namespace TradingActors.Simulator.Tests.Http;

public sealed class OpenOrdersRouteTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Open_orders_algo_orders_and_order_lists_are_listed_per_market()
    {
        await _sim.SetPriceAsync("BTCUSDT", 64000m);
        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000&newClientOrderId=ta-spot-1");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.02&newClientOrderId=ta-spot-2");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice=70000&belowType=STOP_LOSS_LIMIT&belowStopPrice=58000&belowPrice=57900&belowTimeInForce=GTC&listClientOrderId=ta-oco-1");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=ta-fut-1");
        await _sim.SignedJsonAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=63000&workingType=MARK_PRICE&closePosition=true&clientAlgoId=ta-sl-1");

        var both = await _sim.ControlAsync(HttpMethod.Get, "/sim/orders");
        var futuresOnly = await _sim.ControlAsync(HttpMethod.Get, "/sim/orders?market=futures");

        Assert.Equal(["ta-spot-1"], both["spotOrders"]!.AsArray().Where(o => o!["orderListId"]!.GetValue<long>() == -1).Select(o => o!["clientOrderId"]!.GetValue<string>()));
        Assert.Equal("ta-oco-1", Assert.Single(both["spotOrderLists"]!.AsArray())!["listClientOrderId"]!.GetValue<string>());
        Assert.Empty(both["futuresOrders"]!.AsArray());
        var stop = Assert.Single(futuresOnly["futuresAlgoOrders"]!.AsArray())!;
        Assert.Equal("ta-sl-1", stop["clientAlgoId"]!.GetValue<string>());
        Assert.True(stop["closePosition"]!.GetValue<bool>());
        Assert.Empty(futuresOnly["spotOrders"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_market_is_refused()
    {
        using var response = await _sim.Http.GetAsync("/sim/orders?market=moon");

        Assert.Equal(400, (int)response.StatusCode);
    }
}
