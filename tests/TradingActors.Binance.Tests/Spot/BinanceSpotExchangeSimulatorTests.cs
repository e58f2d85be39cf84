using TradingActors.Binance.Tests.Support;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Spot;

/// <summary>Every spot call against the simulator over real HTTP on loopback.</summary>
public sealed class BinanceSpotExchangeSimulatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public async Task Ping_and_server_time_answer_and_the_clock_offset_is_measured()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var ping = await sim.Spot.Http.PingAsync(CancellationToken.None);
        await sim.Spot.Http.Rest.SyncTimeAsync(CancellationToken.None);

        Assert.IsType<Binance.Common.RestResult.Success>(ping);
        Assert.True(sim.Spot.Http.Rest.Clock.Offset.Duration() < TimeSpan.FromSeconds(1));
        Assert.False(sim.Spot.Http.Rest.Clock.NeedsSync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Symbol_rules_come_from_exchange_info()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var rules = await sim.Spot.GetSymbolRulesAsync();

        var btc = Assert.Single(rules, r => r.Symbol == Btc);
        Assert.Equal(Market.Spot, btc.Market);
        Assert.True(btc.TickSize > 0m);
        Assert.True(btc.StepSize > 0m);
    }

    [Fact]
    public async Task A_resting_limit_order_is_accepted_found_by_client_id_listed_open_and_cancelled()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-spot-limit-1");
        var price = decimal.Round(sim.SpotPrice() * 0.8m, 2);

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.Limit(Btc, id, OrderSide.Buy, 0.01m, price));
        var queried = await sim.Spot.QueryOrderAsync(Btc, id);
        var open = await sim.Spot.GetOpenOrdersAsync(Btc);
        var cancelled = await sim.Spot.CancelOrderAsync(Btc, id);

        var accepted = Assert.IsType<OrderOutcome.Accepted>(placed);
        Assert.Equal(OrderStatus.New, accepted.Order.Status);
        Assert.Equal(id, accepted.Order.ClientOrderId);
        Assert.Equal(accepted.Order.OrderId, Assert.IsType<OrderOutcome.Accepted>(queried).Order.OrderId);
        Assert.Contains(open, o => o.ClientOrderId == id);
        var cancel = Assert.IsType<OrderOutcome.Accepted>(cancelled);
        Assert.Equal(OrderStatus.Canceled, cancel.Order.Status);
        Assert.Equal(id, cancel.Order.ClientOrderId);
    }

    [Fact]
    public async Task A_market_order_fills_and_shows_in_trades_and_balances()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-spot-mkt-1");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));
        var trades = await sim.Spot.GetTradesAsync(Btc, since);
        var balances = await sim.Spot.GetBalancesAsync();

        var accepted = Assert.IsType<OrderOutcome.Accepted>(placed);
        Assert.Equal(OrderStatus.Filled, accepted.Order.Status);
        Assert.Equal(0.01m, accepted.Order.ExecutedQuantity);
        Assert.True(accepted.Order.AveragePrice > 0m);
        Assert.Contains(trades, t => t.OrderId == accepted.Order.OrderId && t.Side == OrderSide.Buy);
        Assert.Contains(balances, b => b.Asset == "BTC" && b.Total > 1m);
    }

    [Fact]
    public async Task A_post_only_order_that_would_take_is_rejected_with_the_venue_code()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var price = decimal.Round(sim.SpotPrice() * 1.1m, 2);

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.PostOnly(Btc, ClientOrderId.Create("ta-spot-po-1"), OrderSide.Buy, 0.01m, price));

        var rejected = Assert.IsType<OrderOutcome.Rejected>(placed);
        Assert.Equal(-2010, rejected.Code);
    }

    [Fact]
    public async Task An_unknown_order_query_is_rejected_as_not_existing()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var queried = await sim.Spot.QueryOrderAsync(Btc, ClientOrderId.Create("ta-never-sent"));

        Assert.Equal(ExchangeErrorCodes.OrderDoesNotExist, Assert.IsType<OrderOutcome.Rejected>(queried).Code);
    }

    /// <summary>
    /// Querying the list by client id (GET /api/v3/orderList?origClientOrderId=) is not exercised here: the simulator
    /// only accepts listClientOrderId on that endpoint, while Binance documents origClientOrderId.
    /// </summary>
    [Fact]
    public async Task An_OCO_is_placed_listed_and_cancelled_as_a_list()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var price = sim.SpotPrice();
        var listId = ClientOrderId.Create("ta-oco-1");
        var request = new OcoOrderRequest
        {
            Symbol = Btc, ListClientOrderId = listId, Side = OrderSide.Sell, Quantity = 0.01m,
            TakeProfitPrice = decimal.Round(price * 1.2m, 2), StopPrice = decimal.Round(price * 0.8m, 2), StopLimitPrice = decimal.Round(price * 0.79m, 2),
            TakeProfitClientOrderId = ClientOrderId.Create("ta-oco-1-tp"), StopClientOrderId = ClientOrderId.Create("ta-oco-1-sl"),
        };

        var placed = await sim.Spot.PlaceOcoAsync(request);
        var open = await sim.Spot.GetOpenOrderListsAsync();
        var queried = await sim.Spot.QueryOrderListAsync(listId);
        var cancelled = await sim.Spot.CancelOrderListAsync(Btc, listId);

        var accepted = Assert.IsType<OrderListOutcome.Accepted>(placed);
        Assert.Equal(OrderListStatus.Executing, accepted.OrderList.Status);
        Assert.Equal(2, accepted.OrderList.Legs.Count);
        Assert.Contains(accepted.OrderList.Legs, l => l.ClientOrderId.Value == "ta-oco-1-tp");
        Assert.Contains(open, l => l.ListClientOrderId == listId);
        Assert.Equal(listId, Assert.IsType<OrderListOutcome.Accepted>(queried).OrderList.ListClientOrderId);
        Assert.Equal(OrderListStatus.AllDone, Assert.IsType<OrderListOutcome.Accepted>(cancelled).OrderList.Status);
    }

    [Fact]
    public async Task Prices_and_quantities_are_rounded_to_the_symbol_filters_before_sending()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-spot-round-1");
        var price = (sim.SpotPrice() * 0.8m) + 0.0012345m;

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.Limit(Btc, id, OrderSide.Buy, 0.0123456789m, price));

        var order = Assert.IsType<OrderOutcome.Accepted>(placed).Order;
        var rules = (await sim.Spot.GetSymbolRulesAsync()).Single(r => r.Symbol == Btc);
        Assert.Equal(0m, order.Price % rules.TickSize);
        Assert.Equal(0m, order.OriginalQuantity % rules.StepSize);
    }
}
