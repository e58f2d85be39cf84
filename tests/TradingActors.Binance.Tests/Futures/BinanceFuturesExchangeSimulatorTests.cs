using TradingActors.Binance.Tests.Support;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Futures;

/// <summary>Every futures call against the simulator over real HTTP on loopback.</summary>
public sealed class BinanceFuturesExchangeSimulatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public async Task Ping_and_server_time_answer_and_the_used_weight_is_tracked_from_headers()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var ping = await sim.Futures.Http.PingAsync(CancellationToken.None);
        await sim.Futures.GetPositionsAsync();

        Assert.IsType<Binance.Common.RestResult.Success>(ping);
        Assert.True(sim.Futures.Http.Rest.RateLimiter.UsedWeight >= 5);
    }

    [Fact]
    public async Task Symbol_rules_mark_price_leverage_and_margin_type_are_served()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var rules = await sim.Futures.GetSymbolRulesAsync();
        var mark = await sim.Futures.GetMarkPriceAsync(Btc);
        var leverage = await sim.Futures.SetLeverageAsync(Btc, 7);
        await sim.Futures.SetMarginTypeAsync(Btc, MarginType.Isolated);
        await sim.Futures.SetMarginTypeAsync(Btc, MarginType.Isolated);

        var btc = Assert.Single(rules, r => r.Symbol == Btc);
        Assert.Equal(Market.Futures, btc.Market);
        Assert.True(btc.TickSize > 0m);
        Assert.True(mark.Price > 0m);
        Assert.Equal(7, leverage);
    }

    [Fact]
    public async Task Funding_reads_the_settlements_of_a_window_across_pages()
    {
        // A settlement every minute of a virtual clock: more than one page of income (1000) in a day.
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);
        var clock = new Simulator.VirtualTimeProvider(start);
        await using var sim = await SimulatorHarness.StartAsync(simulator: new Simulator.SimulatorOptions
        {
            TimeProvider = clock, Engine = new Simulator.Engine.EngineOptions { FundingInterval = TimeSpan.FromMinutes(1) },
        });
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-fut-funding-1"), OrderSide.Buy, 0.01m));
        clock.Advance(TimeSpan.FromMinutes(1200));
        sim.Server.Engine.Tick();
        var charged = sim.Server.Engine.Income("BTCUSDT", "FUNDING_FEE", new Simulator.Engine.HistoryQuery { Limit = int.MaxValue });

        var all = await sim.Futures.GetFundingAsync(Btc, start, clock.GetUtcNow());
        var window = await sim.Futures.GetFundingAsync(Btc, start.AddMinutes(10), start.AddMinutes(20));

        Assert.Equal(1200, charged.Count);
        Assert.Equal(charged.Select(c => (c.Income, c.Time)), all.Select(p => (p.Amount, p.Time.ToUnixTimeMilliseconds())));
        Assert.All(all, p => Assert.Equal((Btc, "USDT"), (p.Symbol, p.Asset)));
        Assert.True(all.Sum(p => p.Amount) < 0m);
        Assert.Equal(10, window.Count);
    }

    [Fact]
    public async Task A_market_order_opens_a_position_seen_in_positions_trades_and_balances()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-fut-mkt-1");
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        var placed = await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));
        var positions = await sim.Futures.GetPositionsAsync(Btc);
        var trades = await sim.Futures.GetTradesAsync(Btc, since);
        var balances = await sim.Futures.GetBalancesAsync();

        var order = Assert.IsType<OrderOutcome.Accepted>(placed).Order;
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.True(order.AveragePrice > 0m);
        Assert.Equal(0.01m, Assert.Single(positions, p => !p.IsFlat).Quantity);
        Assert.Contains(trades, t => t.OrderId == order.OrderId);
        Assert.Contains(balances, b => b.Asset == "USDT" && b.Total > 0m);
    }

    [Fact]
    public async Task A_resting_limit_order_is_accepted_found_by_client_id_listed_open_and_cancelled()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-fut-limit-1");
        var price = decimal.Round(sim.FuturesPrice() * 0.9m, 1);

        var placed = await sim.Futures.PlaceOrderAsync(OrderRequest.Limit(Btc, id, OrderSide.Buy, 0.01m, price));
        var queried = await sim.Futures.QueryOrderAsync(Btc, id);
        var open = await sim.Futures.GetOpenOrdersAsync(Btc);
        var cancelled = await sim.Futures.CancelOrderAsync(Btc, id);

        Assert.Equal(OrderStatus.New, Assert.IsType<OrderOutcome.Accepted>(placed).Order.Status);
        Assert.Equal(id, Assert.IsType<OrderOutcome.Accepted>(queried).Order.ClientOrderId);
        Assert.Contains(open, o => o.ClientOrderId == id);
        Assert.Equal(OrderStatus.Canceled, Assert.IsType<OrderOutcome.Accepted>(cancelled).Order.Status);
    }

    [Fact]
    public async Task A_post_only_order_that_would_take_is_rejected_with_minus_5022()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var price = decimal.Round(sim.FuturesPrice() * 1.05m, 1);

        var placed = await sim.Futures.PlaceOrderAsync(OrderRequest.PostOnly(Btc, ClientOrderId.Create("ta-fut-po-1"), OrderSide.Buy, 0.01m, price));

        Assert.Equal(-5022, Assert.IsType<OrderOutcome.Rejected>(placed).Code);
    }

    [Fact]
    public async Task A_reduce_only_stop_market_goes_through_the_algo_api_and_can_be_queried_listed_and_cancelled()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-fut-entry-2"), OrderSide.Buy, 0.01m));
        var id = ClientOrderId.Create("ta-fut-sl-2");
        var trigger = decimal.Round(sim.FuturesPrice() * 0.9m, 1);

        var placed = await sim.Futures.PlaceConditionalOrderAsync(ConditionalOrderRequest.StopMarketReduceOnly(Btc, id, OrderSide.Sell, 0.01m, trigger));
        var queried = await sim.Futures.QueryConditionalOrderAsync(Btc, id);
        var open = await sim.Futures.GetOpenConditionalOrdersAsync(Btc);
        var cancelled = await sim.Futures.CancelConditionalOrderAsync(Btc, id);

        var algo = Assert.IsType<AlgoOrderOutcome.Accepted>(placed).Order;
        Assert.Equal(AlgoOrderStatus.New, algo.Status);
        Assert.Equal(ConditionalOrderType.StopMarket, algo.Type);
        Assert.True(algo.ReduceOnly);
        Assert.Equal(WorkingType.MarkPrice, algo.WorkingType);
        Assert.Equal(algo.AlgoId, Assert.IsType<AlgoOrderOutcome.Accepted>(queried).Order.AlgoId);
        Assert.Contains(open, o => o.ClientAlgoId == id);
        Assert.Equal(AlgoOrderStatus.Canceled, Assert.IsType<AlgoOrderOutcome.Accepted>(cancelled).Order.Status);
    }

    [Fact]
    public async Task A_close_position_stop_market_is_accepted_as_an_algo_order()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-fut-entry-3"), OrderSide.Buy, 0.01m));
        var trigger = decimal.Round(sim.FuturesPrice() * 0.9m, 1);

        var placed = await sim.Futures.PlaceConditionalOrderAsync(ConditionalOrderRequest.StopMarketClosePosition(Btc, ClientOrderId.Create("ta-fut-sl-3"), OrderSide.Sell, trigger));

        Assert.True(Assert.IsType<AlgoOrderOutcome.Accepted>(placed).Order.ClosePosition);
    }

    [Fact]
    public async Task A_stop_that_would_trigger_at_once_is_rejected_with_minus_2021()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var trigger = decimal.Round(sim.FuturesPrice() * 1.1m, 1);

        var placed = await sim.Futures.PlaceConditionalOrderAsync(ConditionalOrderRequest.StopMarketClosePosition(Btc, ClientOrderId.Create("ta-fut-sl-4"), OrderSide.Sell, trigger));

        Assert.Equal(-2021, Assert.IsType<AlgoOrderOutcome.Rejected>(placed).Code);
    }

    [Fact]
    public async Task A_trailing_stop_follows_the_run_up_and_closes_the_position_when_price_retraces_by_the_callback()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-fut-entry-ts"), OrderSide.Buy, 0.01m));
        var start = sim.FuturesPrice();
        var id = ClientOrderId.Create("ta-fut-ts-1");
        var request = ConditionalOrderRequest.TrailingStopReduceOnly(Btc, id, OrderSide.Sell, 0.01m, callbackRatePercent: 5m, activationPrice: decimal.Round(start * 1.05m, 1));

        var placed = Assert.IsType<AlgoOrderOutcome.Accepted>(await sim.Futures.PlaceConditionalOrderAsync(request)).Order;
        MoveTo(sim, start * 1.10m);
        MoveTo(sim, start * 1.10m * 0.97m);
        var stillWaiting = Assert.IsType<AlgoOrderOutcome.Accepted>(await sim.Futures.QueryConditionalOrderAsync(Btc, id)).Order;
        MoveTo(sim, start * 1.10m * 0.94m);
        var fired = Assert.IsType<AlgoOrderOutcome.Accepted>(await sim.Futures.QueryConditionalOrderAsync(Btc, id)).Order;
        var positions = await sim.Futures.GetPositionsAsync(Btc);

        Assert.Equal(ConditionalOrderType.TrailingStopMarket, placed.Type);
        Assert.Equal(5m, placed.CallbackRatePercent);
        Assert.Equal(decimal.Round(start * 1.05m, 1), placed.ActivationPrice);
        Assert.Equal(AlgoOrderStatus.New, stillWaiting.Status);
        Assert.NotNull(fired.TriggeredOrderId);
        Assert.DoesNotContain(positions, p => !p.IsFlat);
    }

    [Fact]
    public async Task A_trailing_stop_can_be_listed_and_cancelled()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-fut-entry-ts2"), OrderSide.Buy, 0.01m));
        var id = ClientOrderId.Create("ta-fut-ts-2");

        await sim.Futures.PlaceConditionalOrderAsync(ConditionalOrderRequest.TrailingStopReduceOnly(Btc, id, OrderSide.Sell, 0.01m, callbackRatePercent: 2m));
        var open = await sim.Futures.GetOpenConditionalOrdersAsync(Btc);
        var cancelled = await sim.Futures.CancelConditionalOrderAsync(Btc, id);

        Assert.Contains(open, o => o.ClientAlgoId == id && o.Type == ConditionalOrderType.TrailingStopMarket);
        Assert.Equal(AlgoOrderStatus.Canceled, Assert.IsType<AlgoOrderOutcome.Accepted>(cancelled).Order.Status);
    }

    private static void MoveTo(SimulatorHarness sim, decimal price) =>
        sim.Server.Engine.SetPrice(TradingActors.Simulator.Engine.MarketKind.Futures, "BTCUSDT", decimal.Round(price, 1));
}
