using TradingActors.Exchange;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Tests.Orders;

public sealed class ExecutionMathTests
{
    private static readonly SymbolRules Rules = new()
    {
        Market = Market.Futures, Symbol = new Symbol("BTCUSDT"), BaseAsset = "BTC", QuoteAsset = "USDT",
        TickSize = 0.1m, StepSize = 0.001m, MinQuantity = 0.001m, MaxQuantity = 1000m, MinPrice = 0.1m, MaxPrice = 1_000_000m,
    };

    [Fact]
    public void Twap_slices_sum_to_the_quantity_with_the_remainder_in_the_last_slice()
    {
        var slices = ExecutionMath.TwapSlices(1.0m, 3, Rules);

        Assert.Equal([0.333m, 0.333m, 0.334m], slices);
        Assert.Equal(1.0m, slices.Sum());
    }

    [Fact]
    public void A_quantity_too_small_to_slice_goes_in_one_order()
    {
        Assert.Equal([0.002m], ExecutionMath.TwapSlices(0.002m, 5, Rules));
    }

    [Fact]
    public void Chasing_sells_one_tick_under_the_bid_and_buys_one_tick_over_the_ask()
    {
        Assert.Equal(99.9m, ExecutionMath.ChasePrice(OrderSide.Sell, bestBid: 100m, bestAsk: 100.1m, tickSize: 0.1m));
        Assert.Equal(100.2m, ExecutionMath.ChasePrice(OrderSide.Buy, bestBid: 100m, bestAsk: 100.1m, tickSize: 0.1m));
    }

    [Fact]
    public void Slippage_is_positive_when_the_fill_is_worse_than_the_decision()
    {
        Assert.Equal(10m, ExecutionMath.SlippageBps(OrderSide.Buy, decisionPrice: 100m, fillPrice: 100.1m));
        Assert.Equal(10m, ExecutionMath.SlippageBps(OrderSide.Sell, decisionPrice: 100m, fillPrice: 99.9m));
        Assert.Equal(-10m, ExecutionMath.SlippageBps(OrderSide.Sell, decisionPrice: 100m, fillPrice: 100.1m));
    }
}
