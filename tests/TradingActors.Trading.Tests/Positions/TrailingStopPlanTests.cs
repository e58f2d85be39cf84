using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Tests.Positions;

public sealed class TrailingStopPlanTests
{
    [Theory]
    [InlineData(0.001, 0.1)]
    [InlineData(0.02, 2.0)]
    [InlineData(0.0234, 2.3)]
    [InlineData(0.1, 10.0)]
    public void A_futures_distance_within_binances_range_is_trailed_by_the_exchange_at_that_callback_rate(double distance, double rate)
    {
        Assert.Equal((decimal)rate, TrailingStopPlan.CallbackRatePercent(Market.Futures, (decimal)distance));
        Assert.Null(TrailingStopPlan.WhyTrailedLocally(Market.Futures, (decimal)distance));
    }

    [Theory]
    [InlineData(0.0004)]
    [InlineData(0.11)]
    public void A_futures_distance_outside_binances_range_is_trailed_by_the_node_and_says_why(double distance)
    {
        Assert.Null(TrailingStopPlan.CallbackRatePercent(Market.Futures, (decimal)distance));
        Assert.Contains("outside Binance's callback rate range (0.1% to 10%)", TrailingStopPlan.WhyTrailedLocally(Market.Futures, (decimal)distance), StringComparison.Ordinal);
    }

    [Fact]
    public void Spot_and_positions_without_a_trailing_distance_have_no_exchange_trailing_stop()
    {
        Assert.Null(TrailingStopPlan.CallbackRatePercent(Market.Spot, 0.02m));
        Assert.Null(TrailingStopPlan.WhyTrailedLocally(Market.Spot, 0.02m));
        Assert.Null(TrailingStopPlan.CallbackRatePercent(Market.Futures, null));
    }

    [Fact]
    public void The_exchange_trails_from_where_its_stop_passes_the_fixed_stop_or_at_once_when_the_price_is_already_there()
    {
        // Long: 49,500 / (1 - 2 %) = 50,510.2, up to the next tick.
        Assert.Equal(50_510.3m, TrailingStopPlan.ActivationPrice(PositionDirection.Long, 49_500m, 2m, 50_000m, 0.1m));
        Assert.Null(TrailingStopPlan.ActivationPrice(PositionDirection.Long, 49_000m, 2m, 50_000m, 0.1m));

        // Short: 50,500 / (1 + 2 %) = 49,509.8, down to the tick.
        Assert.Equal(49_509.8m, TrailingStopPlan.ActivationPrice(PositionDirection.Short, 50_500m, 2m, 50_000m, 0.1m));
        Assert.Null(TrailingStopPlan.ActivationPrice(PositionDirection.Short, 51_000m, 2m, 50_000m, 0.1m));
    }
}
