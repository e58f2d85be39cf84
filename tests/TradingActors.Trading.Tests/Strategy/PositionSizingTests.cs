using TradingActors.Trading.Strategy;

namespace TradingActors.Trading.Tests.Strategy;

public sealed class PositionSizingTests
{
    private static readonly SizingRules Rules = new(
        Equity: 10_000m, RiskPerTrade: 0.01m, FeeRate: 0.0005m, ExpectedSlippage: 0.0002m, MaxLeverageUsed: 1m, MaxNotional: null, MaxCostShare: 0.3m);

    [Fact]
    public void The_risk_of_a_trade_counts_its_round_trip_fees_and_slippage()
    {
        // A stop 500 away at 50,000: each unit loses 500 plus 2 x (0.05 % + 0.02 %) of 50,000 = 70.
        var size = PositionSizing.Size(price: 50_000m, stopDistance: 500m, Rules);

        Assert.Null(size.Reason);
        Assert.Equal(100m / 570m, size.Quantity);
        Assert.False(size.Capped);
    }

    [Fact]
    public void A_position_never_exceeds_its_share_of_equity()
    {
        // Risking 100 over a stop of 0.5 % would buy 1.5x equity; the cap keeps it at 1x.
        var size = PositionSizing.Size(price: 50_000m, stopDistance: 250m, Rules with { MaxCostShare = 0.5m });

        Assert.True(size.Capped);
        Assert.Equal(10_000m, size.Quantity * 50_000m);
    }

    [Fact]
    public void An_absolute_notional_cap_applies_under_the_equity_share()
    {
        var size = PositionSizing.Size(price: 50_000m, stopDistance: 500m, Rules with { MaxNotional = 2_000m });

        Assert.Equal(2_000m, size.Quantity * 50_000m);
    }

    [Fact]
    public void A_stop_so_close_that_fees_would_be_most_of_the_risk_refuses_the_entry_and_says_why()
    {
        // A stop a few ticks away (20 at 65,000) against 91 of fees and slippage per unit.
        var size = PositionSizing.Size(price: 65_000m, stopDistance: 20m, Rules);

        Assert.Equal(0m, size.Quantity);
        Assert.Equal("refused: the stop is too close for the fees", size.Reason);
        Assert.Contains("82 %", size.Detail, StringComparison.Ordinal);
    }
}
