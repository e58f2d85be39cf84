using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Futures;

public sealed class FuturesRequestBuildingTests
{
    private static readonly SymbolRules Rules = new()
    {
        Market = Market.Futures, Symbol = new Symbol("BTCUSDT"), BaseAsset = "BTC", QuoteAsset = "USDT",
        TickSize = 0.1m, MinPrice = 0.1m, StepSize = 0.001m, MinQuantity = 0.001m, MarketStepSize = 0.001m,
    };

    [Fact]
    public void Post_only_is_sent_as_a_gtx_limit_with_reduce_only()
    {
        var request = OrderRequest.PostOnly(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-1"), OrderSide.Sell, 0.0125m, 65000.06m, reduceOnly: true);

        var p = BinanceFuturesExchange.BuildOrder(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("LIMIT", p["type"]);
        Assert.Equal("GTX", p["timeInForce"]);
        Assert.Equal("0.012", p["quantity"]);
        Assert.Equal("65000.1", p["price"]);
        Assert.Equal("true", p["reduceOnly"]);
    }

    [Fact]
    public void Stop_orders_are_refused_on_the_plain_order_endpoint()
    {
        var request = OrderRequest.StopLossLimit(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-2"), OrderSide.Sell, 1m, 60000m, 59000m);

        Assert.Throws<ArgumentException>(() => BinanceFuturesExchange.BuildOrder(request, Rules));
    }

    [Fact]
    public void Close_position_stop_market_is_an_algo_order_with_trigger_and_mark_price()
    {
        var request = ConditionalOrderRequest.StopMarketClosePosition(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-sl-1"), OrderSide.Sell, 60000.04m);

        var p = BinanceFuturesExchange.BuildAlgoOrder(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("CONDITIONAL", p["algoType"]);
        Assert.Equal("STOP_MARKET", p["type"]);
        Assert.Equal("60000", p["triggerPrice"]);
        Assert.Equal("MARK_PRICE", p["workingType"]);
        Assert.Equal("true", p["closePosition"]);
        Assert.False(p.ContainsKey("quantity"));
        Assert.False(p.ContainsKey("reduceOnly"));
        Assert.Equal("ta-sl-1", p["clientAlgoId"]);
    }

    [Fact]
    public void Trailing_stop_carries_callback_rate_and_activation_price_instead_of_a_trigger()
    {
        var request = ConditionalOrderRequest.TrailingStopReduceOnly(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-tr-1"), OrderSide.Sell, 0.01m, 1.5m, 66000m);

        var p = BinanceFuturesExchange.BuildAlgoOrder(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("TRAILING_STOP_MARKET", p["type"]);
        Assert.Equal("1.5", p["callbackRate"]);
        Assert.Equal("66000", p["activatePrice"]);
        Assert.Equal("true", p["reduceOnly"]);
        Assert.False(p.ContainsKey("triggerPrice"));
    }

    [Fact]
    public void Close_position_with_a_quantity_is_refused_before_sending()
    {
        var request = ConditionalOrderRequest.StopMarketClosePosition(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-sl-2"), OrderSide.Sell, 60000m) with { Quantity = 1m };

        Assert.Throws<ArgumentException>(() => BinanceFuturesExchange.BuildAlgoOrder(request, Rules));
    }

    [Fact]
    public void A_quantity_below_one_step_is_refused_before_sending()
    {
        var request = OrderRequest.MarketOrder(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-tiny"), OrderSide.Buy, 0.0004m);

        var error = Assert.Throws<ArgumentException>(() => BinanceFuturesExchange.BuildOrder(request, Rules));

        Assert.Contains("rounds to zero", error.Message, StringComparison.Ordinal);
    }
}
