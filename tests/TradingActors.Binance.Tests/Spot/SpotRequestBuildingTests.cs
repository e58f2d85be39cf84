using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Spot;

public sealed class SpotRequestBuildingTests
{
    private static readonly SymbolRules Rules = new()
    {
        Market = Market.Spot, Symbol = new Symbol("BTCUSDT"), BaseAsset = "BTC", QuoteAsset = "USDT",
        TickSize = 0.01m, StepSize = 0.00001m, MinQuantity = 0.00001m,
    };

    [Fact]
    public void Post_only_is_sent_as_limit_maker_without_time_in_force_and_rounded()
    {
        var request = OrderRequest.PostOnly(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-1"), OrderSide.Buy, 0.123456m, 65000.004m);

        var p = BinanceSpotExchange.BuildOrder(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("LIMIT_MAKER", p["type"]);
        Assert.False(p.ContainsKey("timeInForce"));
        Assert.Equal("0.12345", p["quantity"]);
        Assert.Equal("65000", p["price"]);
        Assert.Equal("ta-1", p["newClientOrderId"]);
    }

    [Theory]
    [InlineData(TimeInForce.ImmediateOrCancel, "IOC")]
    [InlineData(TimeInForce.FillOrKill, "FOK")]
    [InlineData(TimeInForce.GoodTillCanceled, "GTC")]
    public void Limit_orders_carry_their_time_in_force(TimeInForce tif, string wire)
    {
        var request = OrderRequest.Limit(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-2"), OrderSide.Sell, 1m, 1m, tif);

        var p = BinanceSpotExchange.BuildOrder(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("LIMIT", p["type"]);
        Assert.Equal(wire, p["timeInForce"]);
    }

    [Fact]
    public void Market_orders_carry_no_price()
    {
        var p = BinanceSpotExchange.BuildOrder(OrderRequest.MarketOrder(new Symbol("BTCUSDT"), ClientOrderId.Create("ta-3"), OrderSide.Buy, 0.5m), Rules)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("MARKET", p["type"]);
        Assert.False(p.ContainsKey("price"));
    }

    [Fact]
    public void Sell_OCO_puts_the_take_profit_above_as_limit_maker_and_the_stop_limit_below()
    {
        var request = new OcoOrderRequest
        {
            Symbol = new Symbol("BTCUSDT"), ListClientOrderId = ClientOrderId.Create("ta-oco-1"), Side = OrderSide.Sell, Quantity = 0.1m,
            TakeProfitPrice = 70000m, StopPrice = 60000m, StopLimitPrice = 59900m,
            TakeProfitClientOrderId = ClientOrderId.Create("ta-oco-1-tp"), StopClientOrderId = ClientOrderId.Create("ta-oco-1-sl"),
        };

        var p = BinanceSpotExchange.BuildOco(request, Rules).ToDictionary(kv => kv.Key, kv => kv.Value);

        Assert.Equal("LIMIT_MAKER", p["aboveType"]);
        Assert.Equal("70000", p["abovePrice"]);
        Assert.Equal("ta-oco-1-tp", p["aboveClientOrderId"]);
        Assert.Equal("STOP_LOSS_LIMIT", p["belowType"]);
        Assert.Equal("60000", p["belowStopPrice"]);
        Assert.Equal("59900", p["belowPrice"]);
        Assert.Equal("GTC", p["belowTimeInForce"]);
        Assert.Equal("ta-oco-1-sl", p["belowClientOrderId"]);
    }
}
