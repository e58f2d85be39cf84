using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Common;

public sealed class SymbolRulesParserTests
{
    private const string SpotExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],
         "symbols":[{"symbol":"ETHBTC","status":"TRADING","baseAsset":"ETH","baseAssetPrecision":8,"quoteAsset":"BTC","quoteAssetPrecision":8,
           "orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS_LIMIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,"otoAllowed":true,
           "quoteOrderQtyMarketAllowed":true,"allowTrailingStop":false,"cancelReplaceAllowed":false,
           "filters":[{"filterType":"PRICE_FILTER","minPrice":"0.00001000","maxPrice":"922327.00000000","tickSize":"0.00001000"},
                      {"filterType":"LOT_SIZE","minQty":"0.00010000","maxQty":"100000.00000000","stepSize":"0.00010000"},
                      {"filterType":"NOTIONAL","minNotional":"0.00010000","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5}],
           "permissionSets":[["SPOT"]],"defaultSelfTradePreventionMode":"NONE","allowedSelfTradePreventionModes":["NONE"]}]}
        """;

    private const string FuturesExchangeInfo = """
        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],
         "symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT",
           "pricePrecision":2,"quantityPrecision":3,"triggerProtect":"0.0500","liquidationFee":"0.012500","marketTakeBound":"0.05",
           "orderTypes":["LIMIT","MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"],
           "filters":[{"filterType":"PRICE_FILTER","minPrice":"556.80","maxPrice":"4529764","tickSize":"0.10"},
                      {"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"},
                      {"filterType":"MARKET_LOT_SIZE","minQty":"0.001","maxQty":"120","stepSize":"0.001"},
                      {"filterType":"MIN_NOTIONAL","notional":"5.0"},
                      {"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}]}]}
        """;

    [Fact]
    public void Spot_filters_give_tick_step_and_min_notional()
    {
        var rules = Assert.Single(SymbolRulesParser.Parse(Market.Spot, BinanceJson.Deserialize<ExchangeInfoWire>(SpotExchangeInfo)));

        Assert.Equal(new Symbol("ETHBTC"), rules.Symbol);
        Assert.Equal(0.00001m, rules.TickSize);
        Assert.Equal(0.0001m, rules.StepSize);
        Assert.Equal(0.0001m, rules.MinNotional);
        Assert.True(rules.OcoAllowed);
        Assert.True(rules.IsTrading);
    }

    [Fact]
    public void Futures_filters_give_tick_step_and_the_notional_floor()
    {
        var rules = Assert.Single(SymbolRulesParser.Parse(Market.Futures, BinanceJson.Deserialize<ExchangeInfoWire>(FuturesExchangeInfo)));

        Assert.Equal(0.1m, rules.TickSize);
        Assert.Equal(556.8m, rules.MinPrice);
        Assert.Equal(0.001m, rules.StepSize);
        Assert.Equal(0.001m, rules.MarketStepSize);
        Assert.Equal(5m, rules.MinNotional);
    }

    [Theory]
    [InlineData(0.123456, 0.12346)]
    [InlineData(0.123454, 0.12345)]
    [InlineData(2, 2)]
    public void Spot_prices_round_to_the_nearest_tick_counted_from_zero(decimal price, decimal expected)
    {
        var rules = Assert.Single(SymbolRulesParser.Parse(Market.Spot, BinanceJson.Deserialize<ExchangeInfoWire>(SpotExchangeInfo)));

        Assert.Equal(expected, rules.RoundPrice(price));
    }

    [Fact]
    public void Futures_prices_count_ticks_from_the_minimum_price()
    {
        var rules = new SymbolRules
        {
            Market = Market.Futures, Symbol = new Symbol("XUSDT"), BaseAsset = "X", QuoteAsset = "USDT",
            TickSize = 0.5m, MinPrice = 0.25m,
        };

        Assert.Equal(10.25m, rules.RoundPrice(10.3m));
    }

    [Theory]
    [InlineData(1.23456789, 1.234)]
    [InlineData(0.0019, 0.001)]
    [InlineData(5, 5)]
    public void Quantities_round_down_to_the_step_so_an_order_never_exceeds_the_intent(decimal quantity, decimal expected)
    {
        var rules = Assert.Single(SymbolRulesParser.Parse(Market.Futures, BinanceJson.Deserialize<ExchangeInfoWire>(FuturesExchangeInfo)));

        Assert.Equal(expected, rules.RoundQuantity(quantity));
    }

    [Fact]
    public void Rounded_values_are_sent_without_trailing_zeros()
    {
        Assert.Equal("0.1", BinanceJson.Format(0.1000m));
        Assert.Equal("65000", BinanceJson.Format(65000.00m));
        Assert.Equal("0.00001", BinanceJson.Format(0.00001000m));
    }
}
