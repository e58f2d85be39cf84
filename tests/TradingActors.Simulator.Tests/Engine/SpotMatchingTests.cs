using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Tests.Engine;

public sealed class SpotMatchingTests
{
    private readonly EngineFixture _fx = new();

    private ExchangeEngine Engine => _fx.Engine;

    [Fact]
    public void Resting_buy_limit_locks_quote_and_fills_as_maker_when_the_price_crosses_it()
    {
        var placed = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.1m, Price = 64000m });

        Assert.Equal(OrderStatus.New, placed.Order.Status);
        Assert.Empty(placed.Fills);
        Assert.Equal(6400m, _fx.Locked("USDT"));

        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 63990m);

        var filled = Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null);
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(0m, _fx.Locked("USDT"));
        Assert.Equal(100_000m - 6400m, _fx.Free("USDT"));
        var trade = Assert.Single(Engine.Trades(MarketKind.Spot, "BTCUSDT"));
        Assert.True(trade.IsMaker);
        Assert.Equal(64000m, trade.Price);
        Assert.Equal(0.1m * 0.001m, trade.Commission);
        Assert.Equal("BTC", trade.CommissionAsset);
        Assert.Equal(1m + 0.1m - 0.0001m, _fx.Free("BTC"));
    }

    [Fact]
    public void With_bnb_burn_on_the_commission_is_paid_in_bnb_at_its_discount_and_the_bought_asset_arrives_in_full()
    {
        var fx = new EngineFixture(new EngineOptions
        {
            Symbols = ["BTCUSDT", "BNBUSDT"],
            SpotBalances = new Dictionary<string, decimal> { ["USDT"] = 100_000m, ["BTC"] = 1m, ["BNB"] = 1m },
            SpotBnbBurn = true,
        });
        fx.Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 64_000m);
        var placed = fx.Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.1m, Price = 63_000m });

        fx.Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 62_990m);

        Assert.Equal(OrderStatus.Filled, fx.Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null).Status);
        var trade = Assert.Single(fx.Engine.Trades(MarketKind.Spot, "BTCUSDT"));
        var bnbPrice = fx.Engine.Price(MarketKind.Spot, "BNBUSDT").Last;
        Assert.Equal(("BNB", Math.Round(6300m * 0.001m * 0.75m / bnbPrice, 8)), (trade.CommissionAsset, trade.Commission));
        Assert.Equal(1m - trade.Commission, fx.Free("BNB"));
        Assert.Equal(1.1m, fx.Free("BTC"));
    }

    [Fact]
    public void With_bnb_burn_on_but_too_little_bnb_the_commission_is_paid_as_usual()
    {
        var fx = new EngineFixture(new EngineOptions
        {
            Symbols = ["BTCUSDT", "BNBUSDT"],
            SpotBalances = new Dictionary<string, decimal> { ["USDT"] = 100_000m, ["BTC"] = 1m, ["BNB"] = 0.0001m },
            SpotBnbBurn = true,
        });

        fx.Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Market) { Quantity = 0.1m });

        var trades = fx.Engine.Trades(MarketKind.Spot, "BTCUSDT");
        Assert.All(trades, t => Assert.Equal("USDT", t.CommissionAsset));
        Assert.Equal(0.0001m, fx.Free("BNB"));
    }

    [Fact]
    public void Market_buy_takes_synthetic_depth_and_slips_more_as_size_grows()
    {
        var engine = new EngineFixture(new EngineOptions { DepthLevelNotional = 10_000m }).Engine;
        var small = engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { Quantity = 0.01m });
        var large = engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { Quantity = 1m });

        Assert.Equal(OrderStatus.Filled, small.Order.Status);
        Assert.Equal(OrderStatus.Filled, large.Order.Status);
        Assert.Single(small.Fills);
        Assert.True(large.Fills.Count > 1);
        Assert.True(large.Order.AvgPrice > small.Order.AvgPrice);
        Assert.All(large.Fills, f => Assert.False(f.IsMaker));
        Assert.Equal(0.001m * large.Order.ExecutedQty, large.Fills.Sum(f => f.Commission));
    }

    [Fact]
    public void Market_sell_pays_taker_commission_in_quote()
    {
        var result = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Market) { Quantity = 0.5m });

        var fill = Assert.Single(result.Fills);
        Assert.Equal("USDT", fill.CommissionAsset);
        Assert.Equal(fill.QuoteQty * 0.001m, fill.Commission);
        Assert.Equal(0.5m, _fx.Free("BTC"));
        Assert.Equal(100_000m + fill.QuoteQty - fill.Commission, _fx.Free("USDT"));
    }

    [Fact]
    public void Quote_sized_market_buy_spends_at_most_the_quote_amount()
    {
        var result = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { QuoteOrderQty = 1000m });

        Assert.True(result.Order.CumQuote <= 1000m);
        Assert.True(result.Order.CumQuote > 990m);
        Assert.Equal(1000m, result.Order.OrigQuoteOrderQty);
    }

    [Fact]
    public void Forced_partial_fill_leaves_a_resting_limit_partially_filled()
    {
        Engine.ForcePartialFills(MarketKind.Spot, "BTCUSDT", 0.5m, count: 1);
        var placed = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.2m, Price = 66000m });

        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 66100m);
        var partial = Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null);
        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 66200m);
        var full = Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null);

        Assert.Equal(OrderStatus.PartiallyFilled, partial.Status);
        Assert.Equal(0.1m, partial.ExecutedQty);
        Assert.Equal(OrderStatus.Filled, full.Status);
    }

    [Fact]
    public void Forced_partial_fill_expires_the_rest_of_a_market_order()
    {
        Engine.ForcePartialFills(MarketKind.Spot, "BTCUSDT", 0.5m, count: 1);

        var result = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { Quantity = 0.2m });

        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(0.1m, result.Order.ExecutedQty);
    }

    [Fact]
    public void Ioc_limit_that_cannot_take_expires_and_releases_its_lock()
    {
        var result = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Ioc, Quantity = 0.1m, Price = 60000m });

        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(0m, _fx.Locked("USDT"));
    }

    [Fact]
    public void Limit_maker_that_would_take_is_rejected_with_2010()
    {
        var error = EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.LimitMaker) { Quantity = 0.1m, Price = 70000m }));

        Assert.Equal(-2010, error.Code);
        Assert.Equal("Order would immediately match and take.", error.Message);
    }

    [Fact]
    public void Stop_loss_sell_waits_then_sells_at_market_when_the_price_falls_through_it()
    {
        var placed = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopLoss) { Quantity = 0.1m, StopPrice = 63000m });
        Assert.False(placed.Order.IsWorking);

        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 63500m);
        Assert.Equal(OrderStatus.New, Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null).Status);
        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 62900m);

        var done = Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", placed.Order.OrderId, null);
        Assert.Equal(OrderStatus.Filled, done.Status);
        Assert.True(done.IsWorking);
        Assert.True(done.AvgPrice < 62900m);
    }

    [Fact]
    public void Stop_that_would_trigger_at_once_is_rejected()
    {
        var error = EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopLoss) { Quantity = 0.1m, StopPrice = 66000m }));

        Assert.Equal(-2010, error.Code);
        Assert.Equal("Order would trigger immediately.", error.Message);
    }

    [Fact]
    public void Stops_can_be_disabled_per_symbol()
    {
        Engine.SetSpotFeatures("BTCUSDT", stopsAllowed: false);

        var error = EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.StopLossLimit) { Quantity = 0.1m, StopPrice = 63000m, Price = 62900m, TimeInForce = TimeInForce.Gtc }));

        Assert.Equal(-2010, error.Code);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.1", "64000.001", "PRICE_FILTER")]
    [InlineData("0.000001", "64000", "LOT_SIZE")]
    [InlineData("0.00005", "64000", "NOTIONAL")]
    public void Filter_failures_answer_1013(string qty, string price, string filter)
    {
        var error = EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit)
        {
            TimeInForce = TimeInForce.Gtc,
            Quantity = decimal.Parse(qty, System.Globalization.CultureInfo.InvariantCulture),
            Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture),
        }));

        Assert.Equal(-1013, error.Code);
        Assert.Equal("Filter failure: " + filter, error.Message);
    }

    [Fact]
    public void Insufficient_balance_is_2010()
    {
        var error = EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 5m, Price = 66000m }));

        Assert.Equal(-2010, error.Code);
        Assert.Equal("Account has insufficient balance for requested action.", error.Message);
    }

    [Fact]
    public void Duplicate_open_client_id_is_2010_and_missing_parameters_are_1102_or_1106()
    {
        Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.1m, Price = 60000m, NewClientOrderId = "dup-1" });

        Assert.Equal("Duplicate order sent.", EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.1m, Price = 60000m, NewClientOrderId = "dup-1" })).Message);
        Assert.Equal(-1102, EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { Quantity = 0.1m, Price = 60000m })).Code);
        Assert.Equal(-1106, EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { Quantity = 0.1m, Price = 60000m })).Code);
        Assert.Equal(-1100, EngineFixture.Rejects(() => Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Market) { Quantity = 0.1m, NewClientOrderId = "bad id!" })).Code);
    }

    [Fact]
    public void Unknown_orders_answer_2011_on_cancel_and_2013_on_query_and_unknown_symbols_1121()
    {
        Assert.Equal(-2011, EngineFixture.Rejects(() => Engine.CancelSpotOrder("BTCUSDT", 42, null)).Code);
        Assert.Equal(-2013, EngineFixture.Rejects(() => Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", null, "nope")).Code);
        Assert.Equal(-1121, EngineFixture.Rejects(() => Engine.Price(MarketKind.Spot, "NOPEUSDT")).Code);
    }

    [Fact]
    public void Cancel_releases_the_lock_and_reports_canceled()
    {
        var placed = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.4m, Price = 70000m });
        Assert.Equal(0.4m, _fx.Locked("BTC"));

        var canceled = Engine.CancelSpotOrder("BTCUSDT", null, placed.Order.ClientOrderId);

        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        Assert.Equal(0m, _fx.Locked("BTC"));
        Assert.Contains(_fx.Events.OfType<OrderUpdated>(), e => e.Execution == ExecutionType.Canceled && e.Order.OrderId == placed.Order.OrderId);
    }

    [Fact]
    public void Oco_take_profit_fill_expires_the_stop_leg_and_keeps_one_lock()
    {
        var list = Engine.PlaceSpotOco(new SpotOcoRequest("BTCUSDT", OrderSide.Sell, 0.5m, new OcoLeg(OrderType.LimitMaker) { Price = 67000m }, new OcoLeg(OrderType.StopLoss) { StopPrice = 63000m }));
        Assert.Equal(0.5m, _fx.Locked("BTC"));
        Assert.Equal("EXEC_STARTED", list.ListStatusType);

        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 67100m);

        var legs = list.Orders.Select(o => Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", o.OrderId, null)).ToList();
        Assert.Equal(OrderStatus.Filled, legs[0].Status);
        Assert.Equal(OrderStatus.Expired, legs[1].Status);
        Assert.Equal(0m, _fx.Locked("BTC"));
        Assert.Equal(0.5m, _fx.Free("BTC"));
        Assert.Equal("ALL_DONE", Engine.QueryOrderList(list.OrderListId, null).ListOrderStatus);
        Assert.Contains(_fx.Events.OfType<OrderUpdated>(), e => e.Order.OrderId == legs[1].OrderId && e.ExpiryReason == "OCO_TRIGGER");
    }

    [Fact]
    public void Oco_stop_trigger_expires_the_limit_leg()
    {
        var list = Engine.PlaceSpotOco(new SpotOcoRequest("BTCUSDT", OrderSide.Sell, 0.5m, new OcoLeg(OrderType.LimitMaker) { Price = 67000m }, new OcoLeg(OrderType.StopLossLimit) { StopPrice = 63000m, Price = 62000m, TimeInForce = TimeInForce.Gtc }));

        Engine.SetPrice(MarketKind.Spot, "BTCUSDT", 62900m);

        var legs = list.Orders.Select(o => Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", o.OrderId, null)).ToList();
        Assert.Equal(OrderStatus.Expired, legs[0].Status);
        Assert.Equal(OrderStatus.Filled, legs[1].Status);
        Assert.Equal(0m, _fx.Locked("BTC"));
    }

    [Fact]
    public void Cancelling_one_oco_leg_cancels_the_list()
    {
        var list = Engine.PlaceSpotOco(new SpotOcoRequest("BTCUSDT", OrderSide.Sell, 0.5m, new OcoLeg(OrderType.LimitMaker) { Price = 67000m }, new OcoLeg(OrderType.StopLoss) { StopPrice = 63000m }));

        Engine.CancelSpotOrder("BTCUSDT", list.Orders[1].OrderId, null);

        Assert.All(list.Orders, o => Assert.Equal(OrderStatus.Canceled, Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", o.OrderId, null).Status));
        Assert.Equal(0m, _fx.Locked("BTC"));
        Assert.Equal(1m, _fx.Free("BTC"));
    }

    [Fact]
    public void Oco_with_wrong_price_relation_or_disabled_is_rejected()
    {
        var wrong = EngineFixture.Rejects(() => Engine.PlaceSpotOco(new SpotOcoRequest("BTCUSDT", OrderSide.Sell, 0.5m, new OcoLeg(OrderType.LimitMaker) { Price = 64000m }, new OcoLeg(OrderType.StopLoss) { StopPrice = 63000m })));
        Engine.SetSpotFeatures("BTCUSDT", ocoAllowed: false);
        var disabled = EngineFixture.Rejects(() => Engine.PlaceSpotOco(new SpotOcoRequest("BTCUSDT", OrderSide.Sell, 0.5m, new OcoLeg(OrderType.LimitMaker) { Price = 67000m }, new OcoLeg(OrderType.StopLoss) { StopPrice = 63000m })));

        Assert.Equal("The relationship of the prices for the orders is not correct.", wrong.Message);
        Assert.Equal(-2010, disabled.Code);
        Assert.Equal("OCO orders are not supported for this symbol", disabled.Message);
    }

    [Fact]
    public void Balance_lag_history_reports_balances_as_they_stood()
    {
        var before = _fx.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        _fx.Clock.Advance(TimeSpan.FromSeconds(5));
        Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Sell, OrderType.Market) { Quantity = 0.5m });

        Assert.Equal(1m, Engine.SpotBalances(before).Single(b => b.Asset == "BTC").Free);
        Assert.Equal(0.5m, Engine.SpotBalances().Single(b => b.Asset == "BTC").Free);
    }

    [Fact]
    public void Marketable_limit_takes_at_the_ask_and_refunds_the_difference_to_its_limit()
    {
        var result = Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.1m, Price = 66000m });

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.True(result.Order.AvgPrice < 66000m);
        Assert.Equal(0m, _fx.Locked("USDT"));
        Assert.Equal(100_000m - result.Order.CumQuote, _fx.Free("USDT"));
    }

    [Fact]
    public void Limit_that_exhausts_the_depth_up_to_its_price_rests_with_the_remainder_locked()
    {
        var fx = new EngineFixture(new EngineOptions { DepthLevelNotional = 6_500m, DepthLevels = 50 });
        var ask = fx.Engine.Price(MarketKind.Spot, "BTCUSDT").Ask;

        var result = fx.Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.5m, Price = ask });

        Assert.Equal(OrderStatus.PartiallyFilled, result.Order.Status);
        Assert.Equal(0.1m, result.Order.ExecutedQty);
        Assert.Equal(0.4m * ask, fx.Locked("USDT"));
        Assert.Single(fx.Engine.OpenOrders(MarketKind.Spot, "BTCUSDT"));
    }
}
