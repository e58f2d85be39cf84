using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Tests.Orders.IntentSamples;

namespace TradingActors.Trading.Tests.Orders;

public sealed class CommissionValuationTests
{
    [Fact]
    public void A_commission_in_the_quote_asset_is_its_own_value()
    {
        var fill = Fill(0.05m, "USDT");

        Assert.Null(CommissionValuation.PricedBy(fill, Rules));
        Assert.Equal((0.05m, 0m), CommissionValuation.Value(fill, Rules, null));
    }

    [Fact]
    public void A_commission_in_the_base_asset_is_worth_the_trade_price_and_leaves_the_position_that_much_smaller()
    {
        var fill = Fill(0.001m, "BTC");

        Assert.Null(CommissionValuation.PricedBy(fill, Rules));
        Assert.Equal((0.1m, 0.001m), CommissionValuation.Value(fill, Rules, null));
    }

    [Fact]
    public void A_commission_in_bnb_is_worth_the_bnb_price_in_the_quote_asset_and_nothing_without_it()
    {
        var fill = Fill(0.000625m, "BNB");

        Assert.Equal(new Symbol("BNBUSDT"), CommissionValuation.PricedBy(fill, Rules));
        Assert.Equal((0.375m, 0m), CommissionValuation.Value(fill, Rules, 600m));
        Assert.Equal((0m, 0m), CommissionValuation.Value(fill, Rules, null));
        Assert.Null(CommissionValuation.PricedBy(Fill(0m, "BNB"), Rules));
    }

    private static Fill Fill(decimal commission, string asset) => new()
    {
        Market = Market.Spot, Symbol = Btc, TradeId = 1, OrderId = 2, Side = OrderSide.Buy, Price = 100m, Quantity = 1m,
        Commission = commission, CommissionAsset = asset,
    };
}
