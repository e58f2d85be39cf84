using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Tests.Engine;

public sealed class FuturesEngineTests
{
    private readonly EngineFixture _fx = new();

    private ExchangeEngine Engine => _fx.Engine;

    private OrderResult Market(OrderSide side, decimal qty, bool reduceOnly = false) =>
        Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", side, OrderType.Market) { Quantity = qty, ReduceOnly = reduceOnly });

    [Fact]
    public void Market_buy_opens_a_long_with_isolated_margin_and_taker_fee()
    {
        var result = Market(OrderSide.Buy, 0.1m);

        var position = _fx.Position("BTCUSDT");
        Assert.Equal(0.1m, position.PositionAmt);
        Assert.Equal(result.Order.AvgPrice, position.EntryPrice);
        Assert.Equal(position.EntryPrice * 0.1m / 20, position.IsolatedMargin);
        var fee = result.Fills.Sum(f => f.Commission);
        Assert.Equal(result.Order.CumQuote * 0.0005m, fee);
        Assert.Equal(100_000m - fee, Engine.FuturesAccount().WalletBalance);
        Assert.Contains(_fx.Events.OfType<FuturesAccountChanged>(), e => e.Reason == "ORDER" && e.Positions[0].PositionAmt == 0.1m);
    }

    [Fact]
    public void Unrealized_pnl_follows_the_mark_price_and_closing_realizes_it()
    {
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 60000m);
        Market(OrderSide.Buy, 0.1m);
        var entry = _fx.Position("BTCUSDT").EntryPrice;

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 61000m, markPrice: 61500m);
        Assert.Equal((61500m - entry) * 0.1m, _fx.Position("BTCUSDT").UnrealizedProfit);

        var close = Market(OrderSide.Sell, 0.1m, reduceOnly: true);
        var realized = close.Fills.Sum(f => f.RealizedPnl);
        Assert.Equal((close.Order.AvgPrice - entry) * 0.1m, realized);
        Assert.Equal(0m, _fx.Position("BTCUSDT").PositionAmt);
        Assert.Equal(0m, _fx.Position("BTCUSDT").IsolatedMargin);
    }

    [Fact]
    public void Adding_to_a_position_averages_the_entry_price()
    {
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 60000m);
        var first = Market(OrderSide.Buy, 0.1m).Order.AvgPrice;
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 62000m);
        var second = Market(OrderSide.Buy, 0.1m).Order.AvgPrice;

        Assert.Equal((first + second) / 2, _fx.Position("BTCUSDT").EntryPrice);
    }

    [Fact]
    public void Resting_limit_fills_as_maker_at_its_price_when_the_contract_price_crosses()
    {
        var placed = Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { Quantity = 0.01m, Price = 66000m, TimeInForce = TimeInForce.Gtc });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 66000m);

        var trade = Assert.Single(Engine.Trades(MarketKind.Futures, "BTCUSDT"));
        Assert.True(trade.IsMaker);
        Assert.Equal(66000m * 0.01m * 0.0002m, trade.Commission);
        Assert.Equal(OrderStatus.Filled, Engine.QueryOrder(MarketKind.Futures, "BTCUSDT", placed.Order.OrderId, null).Status);
        Assert.Equal(-0.01m, _fx.Position("BTCUSDT").PositionAmt);
    }

    [Fact]
    public void Reduce_only_without_a_position_to_reduce_is_2022()
    {
        var error = EngineFixture.Rejects(() => Market(OrderSide.Sell, 0.1m, reduceOnly: true));

        Assert.Equal(-2022, error.Code);
        Assert.Equal("ReduceOnly Order is rejected.", error.Message);
    }

    [Fact]
    public void Reduce_only_never_flips_the_position()
    {
        Market(OrderSide.Buy, 0.1m);

        var close = Market(OrderSide.Sell, 0.3m, reduceOnly: true);

        Assert.Equal(0.1m, close.Order.ExecutedQty);
        Assert.Equal(0m, _fx.Position("BTCUSDT").PositionAmt);
    }

    [Fact]
    public void Order_beyond_available_margin_is_2019()
    {
        var error = EngineFixture.Rejects(() => Market(OrderSide.Buy, 40m));

        Assert.Equal(-2019, error.Code);
    }

    [Fact]
    public void Leverage_changes_the_margin_and_invalid_leverage_is_4028()
    {
        Engine.SetLeverage("BTCUSDT", 5);
        Market(OrderSide.Buy, 0.1m);

        var position = _fx.Position("BTCUSDT");
        Assert.Equal(5, position.Leverage);
        Assert.Equal(position.EntryPrice * 0.1m / 5, position.IsolatedMargin);
        Assert.Equal(-4028, EngineFixture.Rejects(() => Engine.SetLeverage("BTCUSDT", 500)).Code);
    }

    [Fact]
    public void Margin_type_changes_are_checked()
    {
        Assert.Equal(-4046, EngineFixture.Rejects(() => Engine.SetMarginType("BTCUSDT", MarginType.Isolated)).Code);
        Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.01m, Price = 64000m, TimeInForce = TimeInForce.Gtc });
        Assert.Equal(-4047, EngineFixture.Rejects(() => Engine.SetMarginType("BTCUSDT", MarginType.Crossed)).Code);
        Engine.CancelAllFuturesOrders("BTCUSDT");
        Market(OrderSide.Buy, 0.01m);
        Assert.Equal(-4048, EngineFixture.Rejects(() => Engine.SetMarginType("BTCUSDT", MarginType.Crossed)).Code);
    }

    [Theory]
    [InlineData("STOP_MARKET", -4120)]
    [InlineData("TAKE_PROFIT_MARKET", -4120)]
    [InlineData("TRAILING_STOP_MARKET", -4120)]
    [InlineData("LIMIT_MAKER", -1116)]
    public void Conditional_types_on_the_order_endpoint_are_refused(string type, int code)
    {
        Assert.True(Wire.TryParse<OrderType>(type, out var parsed));

        var error = EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Sell, parsed) { Quantity = 0.01m }));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Post_only_that_would_take_is_5022_and_unfillable_fok_is_5021()
    {
        var gtx = EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.01m, Price = 65500m, TimeInForce = TimeInForce.Gtx }));
        var fok = EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.01m, Price = 64000m, TimeInForce = TimeInForce.Fok }));

        Assert.Equal(-5022, gtx.Code);
        Assert.Equal(-5021, fok.Code);
        Assert.Empty(Engine.AllOrders(MarketKind.Futures, "BTCUSDT"));
    }

    [Fact]
    public void Filters_answer_futures_codes()
    {
        FuturesOrderRequest Limit(decimal qty, decimal price) => new("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = qty, Price = price, TimeInForce = TimeInForce.Gtc };

        Assert.Equal(-4164, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.001m, 4000m))).Code);
        Assert.Equal(-4014, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.01m, 64000.05m))).Code);
        Assert.Equal(-1111, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.0105m, 64000m))).Code);
        Assert.Equal(-4016, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.01m, 90000m))).Code);
        Assert.Equal(-4024, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { Quantity = 0.01m, Price = 40000m, TimeInForce = TimeInForce.Gtc })).Code);
        Assert.Equal(-4004, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0m, 64000m))).Code);
        Assert.Equal(-4005, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(100_000m, 64000m))).Code);
        Assert.Equal(-4061, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.01m, 64000m) with { PositionSide = "LONG" })).Code);
        Assert.Equal(-4015, EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(Limit(0.01m, 64000m) with { NewClientOrderId = "bad id!" })).Code);
    }

    [Fact]
    public void Duplicate_open_client_id_is_4116()
    {
        Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.01m, Price = 64000m, TimeInForce = TimeInForce.Gtc, NewClientOrderId = "ta-1" });

        var error = EngineFixture.Rejects(() => Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.01m, Price = 64000m, TimeInForce = TimeInForce.Gtc, NewClientOrderId = "ta-1" }));

        Assert.Equal(-4116, error.Code);
    }

    [Fact]
    public void Stop_market_on_mark_price_ignores_the_contract_price_and_fires_on_the_mark()
    {
        Market(OrderSide.Buy, 0.1m);
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, WorkingType = WorkingType.MarkPrice, ClosePosition = true });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 62500m, markPrice: 63500m);
        Assert.Equal(AlgoStatus.New, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 62500m, markPrice: 62900m);
        var fired = Engine.QueryAlgoOrder(algo.AlgoId, null);
        Assert.Equal(AlgoStatus.Finished, fired.Status);
        Assert.NotEqual(0, fired.ActualOrderId);
        Assert.Equal(0m, _fx.Position("BTCUSDT").PositionAmt);
        var order = Engine.QueryOrder(MarketKind.Futures, "BTCUSDT", fired.ActualOrderId, null);
        Assert.Equal(OrderType.StopMarket, order.OrigType);
        Assert.True(order.ClosePosition);
    }

    [Fact]
    public void Stop_market_on_contract_price_fires_on_the_last_price()
    {
        Market(OrderSide.Buy, 0.1m);
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, WorkingType = WorkingType.ContractPrice, Quantity = 0.1m, ReduceOnly = true });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 62900m, markPrice: 64000m);

        Assert.Equal(AlgoStatus.Finished, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
        Assert.Equal(0m, _fx.Position("BTCUSDT").PositionAmt);
    }

    [Fact]
    public void Take_profit_market_fires_when_the_price_rises_to_it_for_a_long()
    {
        Market(OrderSide.Buy, 0.1m);
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.TakeProfitMarket) { TriggerPrice = 67000m, WorkingType = WorkingType.MarkPrice, ClosePosition = true });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 67000m);

        Assert.Equal(AlgoStatus.Finished, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
        Assert.True(Engine.Trades(MarketKind.Futures, "BTCUSDT")[^1].RealizedPnl > 0);
    }

    [Fact]
    public void Algo_that_would_trigger_at_once_is_2021_and_close_position_with_quantity_is_4137()
    {
        Assert.Equal(-2021, EngineFixture.Rejects(() => Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 66000m, Quantity = 0.1m })).Code);
        Assert.Equal(-4137, EngineFixture.Rejects(() => Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, Quantity = 0.1m, ClosePosition = true })).Code);
        Assert.Equal(-4138, EngineFixture.Rejects(() => Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, ReduceOnly = true, ClosePosition = true })).Code);
        Assert.Equal(-1116, EngineFixture.Rejects(() => Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { TriggerPrice = 63000m, Quantity = 0.1m })).Code);
    }

    [Fact]
    public void Close_position_stop_without_a_position_expires_when_triggered()
    {
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, ClosePosition = true });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 62000m);

        Assert.Equal(AlgoStatus.Expired, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
        Assert.Empty(Engine.AllOrders(MarketKind.Futures, "BTCUSDT"));
    }

    [Fact]
    public void Trailing_stop_fires_after_the_price_retraces_by_the_callback_rate_from_its_high()
    {
        Market(OrderSide.Buy, 0.1m);
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.TrailingStopMarket) { Quantity = 0.1m, ReduceOnly = true, CallbackRate = 1m, ActivatePrice = 66000m });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 64500m);
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 67000m);
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 66500m);
        Assert.Equal(AlgoStatus.New, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 66300m);
        Assert.Equal(AlgoStatus.Finished, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
    }

    [Fact]
    public void A_trailing_stop_whose_activation_price_the_price_has_passed_would_trigger_at_once()
    {
        Market(OrderSide.Buy, 0.1m);
        var price = Engine.Price(MarketKind.Futures, "BTCUSDT").Mark;

        var sell = Assert.Throws<ExchangeErrorException>(() => Engine.PlaceAlgoOrder(
            new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.TrailingStopMarket) { Quantity = 0.1m, ReduceOnly = true, CallbackRate = 1m, ActivatePrice = price - 100m }));
        var buy = Assert.Throws<ExchangeErrorException>(() => Engine.PlaceAlgoOrder(
            new AlgoOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.TrailingStopMarket) { Quantity = 0.1m, ReduceOnly = true, CallbackRate = 1m, ActivatePrice = price + 100m }));

        Assert.Equal((-2021, -2021), (sell.Code, buy.Code));
    }

    [Fact]
    public void Mark_price_trailing_stop_follows_the_mark_not_the_contract_price()
    {
        Market(OrderSide.Buy, 0.1m);
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.TrailingStopMarket) { Quantity = 0.1m, ReduceOnly = true, CallbackRate = 1m, WorkingType = WorkingType.MarkPrice });

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 67000m, markPrice: 67000m);
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 66000m, markPrice: 66900m);
        Assert.Equal(AlgoStatus.New, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);

        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 66000m, markPrice: 66300m);
        Assert.Equal(AlgoStatus.Finished, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
        Assert.Equal(0m, _fx.Position("BTCUSDT").PositionAmt);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(10.5)]
    public void Trailing_callback_rate_outside_the_futures_range_is_rejected(double rate) =>
        Assert.Equal(-2007, EngineFixture.Rejects(() => Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.TrailingStopMarket) { Quantity = 0.1m, CallbackRate = (decimal)rate })).Code);

    [Fact]
    public void Cancelled_algo_cannot_be_cancelled_again_and_unknown_algo_is_2013()
    {
        var algo = Engine.PlaceAlgoOrder(new AlgoOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopMarket) { TriggerPrice = 63000m, Quantity = 0.1m, ClientAlgoId = "ta-stop" });

        Engine.CancelAlgoOrder(null, "ta-stop");

        Assert.Equal(AlgoStatus.Canceled, Engine.QueryAlgoOrder(algo.AlgoId, null).Status);
        Assert.Equal(-2011, EngineFixture.Rejects(() => Engine.CancelAlgoOrder(algo.AlgoId, null)).Code);
        Assert.Equal(-2013, EngineFixture.Rejects(() => Engine.QueryAlgoOrder(1, null)).Code);
        Assert.Contains(_fx.Events.OfType<AlgoOrderUpdated>(), e => e.Algo.Status == AlgoStatus.Canceled);
    }

    [Fact]
    public void Position_lag_history_shows_the_position_before_the_fill()
    {
        var before = _fx.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        _fx.Clock.Advance(TimeSpan.FromSeconds(2));
        Market(OrderSide.Buy, 0.1m);

        Assert.Equal(0m, Engine.Positions(before).Single(p => p.Symbol == "BTCUSDT").PositionAmt);
        Assert.Equal(0.1m, Engine.Positions().Single(p => p.Symbol == "BTCUSDT").PositionAmt);
    }

    [Fact]
    public void Reduce_only_limits_expire_once_the_position_is_closed()
    {
        Market(OrderSide.Buy, 0.1m);
        var takeProfit = Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { Quantity = 0.1m, Price = 66000m, TimeInForce = TimeInForce.Gtc, ReduceOnly = true });

        Market(OrderSide.Sell, 0.1m, reduceOnly: true);

        Assert.Equal(OrderStatus.Expired, Engine.QueryOrder(MarketKind.Futures, "BTCUSDT", takeProfit.Order.OrderId, null).Status);
    }

    [Fact]
    public void Selling_more_than_the_long_flips_to_a_short_at_the_fill_price()
    {
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 60000m);
        var entry = Market(OrderSide.Buy, 0.1m).Order.AvgPrice;
        Engine.SetPrice(MarketKind.Futures, "BTCUSDT", 61000m);

        var flip = Market(OrderSide.Sell, 0.3m);

        var position = _fx.Position("BTCUSDT");
        Assert.Equal(-0.2m, position.PositionAmt);
        Assert.Equal(flip.Order.AvgPrice, position.EntryPrice);
        Assert.Equal((flip.Order.AvgPrice - entry) * 0.1m, flip.Fills.Sum(f => f.RealizedPnl));
        Assert.Equal(position.EntryPrice * 0.2m / 20, position.IsolatedMargin);
    }

    [Fact]
    public void Open_orders_reserve_margin_from_the_available_balance()
    {
        var before = Engine.FuturesAccount().AvailableBalance;

        Engine.PlaceFuturesOrder(new FuturesOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 1m, Price = 60000m, TimeInForce = TimeInForce.Gtc });

        Assert.Equal(before - 3000m, Engine.FuturesAccount().AvailableBalance);
    }
}
