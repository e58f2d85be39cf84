using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Tests.Positions;

public sealed class PositionDataTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_position_walks_from_pending_entry_to_closed_with_its_pnl()
    {
        var data = PositionData.Empty
            .Apply(Opened(PositionDirection.Long))
            .Apply(new EntryFilled(0.5m, 100m, 0.02m, "stream", T0))
            .Apply(new EntryFilled(0.5m, 102m, 0.02m, "stream", T0))
            .Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-1"), T0))
            .Apply(new PositionClosed(CloseReason.Manual, 1m, 110m, 0.04m, 9m, T0));

        Assert.Equal(PositionState.Closed, data.State);
        Assert.Equal(1m, data.Quantity);
        Assert.Equal(101m, data.EntryPrice);
        Assert.Equal(0.08m, data.Fees);
        Assert.Equal(9m, data.RealizedPnl);
    }

    [Fact]
    public void Funding_recorded_after_the_close_counts_in_the_realized_pnl()
    {
        var closed = PositionData.Empty
            .Apply(Opened(PositionDirection.Long))
            .Apply(new EntryFilled(1m, 100m, 0.04m, "stream", T0))
            .Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-1"), T0))
            .Apply(new PositionClosed(CloseReason.Manual, 1m, 110m, 0.04m, 9.92m, T0));

        var funded = closed.Apply(new FundingRecorded(-0.0215m, 2, T0.AddHours(9)));

        Assert.Null(closed.Funding);
        Assert.Equal(PositionState.Closed, funded.State);
        Assert.Equal(-0.0215m, funded.Funding);
        Assert.Equal(9.92m - 0.0215m, funded.RealizedPnl);
        Assert.Equal(0.08m, funded.Fees);
    }

    [Fact]
    public void Funding_is_recorded_only_after_a_close()
    {
        var open = PositionData.Empty.Apply(Opened(PositionDirection.Short)).Apply(new EntryFilled(1m, 100m, 0m, "stream", T0));

        Assert.Throws<InvalidStateTransitionException>(() => open.Apply(new FundingRecorded(0.01m, 1, T0)));
    }

    [Fact]
    public void Unrealized_pnl_follows_the_mark_price_for_long_and_short()
    {
        var longPosition = PositionData.Empty.Apply(Opened(PositionDirection.Long)).Apply(new EntryFilled(2m, 100m, 0m, "stream", T0));
        var shortPosition = PositionData.Empty.Apply(Opened(PositionDirection.Short)).Apply(new EntryFilled(2m, 100m, 0m, "stream", T0));

        Assert.Equal(20m, longPosition.UnrealizedPnl(110m));
        Assert.Equal(-20m, shortPosition.UnrealizedPnl(110m));
    }

    [Fact]
    public void A_second_close_start_is_not_a_valid_transition()
    {
        var closing = PositionData.Empty
            .Apply(Opened(PositionDirection.Long))
            .Apply(new EntryFilled(1m, 100m, 0m, "stream", T0))
            .Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-1"), T0));

        var error = Assert.Throws<InvalidStateTransitionException>(
            () => closing.Apply(new CloseStarted(CloseReason.KillSwitch, new IntentId("exit-2"), T0)));
        Assert.Equal(PositionState.PendingClosing, error.State);
    }

    [Fact]
    public void Moving_the_stop_names_new_stop_intents_but_only_refusals_in_a_row_count_as_failures()
    {
        var data = PositionData.Empty.Apply(Opened(PositionDirection.Long)).Apply(new EntryFilled(1m, 100m, 0m, "stream", T0));
        for (var move = 1; move <= 12; move++)
        {
            data = data.Apply(new ProtectionArmed(new IntentId($"stop-{move}"), ProtectionKind.Stop, ClientOrderId.Create($"ta-stop-{move}"), 90m + move, T0));
        }

        var refusedTwice = data
            .Apply(new ProtectionFailed(new IntentId("stop-13"), "refused", T0))
            .Apply(new ProtectionFailed(new IntentId("stop-14"), "refused", T0));
        var armedAgain = refusedTwice.Apply(new ProtectionArmed(new IntentId("stop-15"), ProtectionKind.Stop, ClientOrderId.Create("ta-stop-15"), 95m, T0));

        Assert.Equal((12, 0), (data.StopAttempts, data.StopFailures));
        Assert.Equal((14, 2), (refusedTwice.StopAttempts, refusedTwice.StopFailures));
        Assert.Equal((15, 0), (armedAgain.StopAttempts, armedAgain.StopFailures));
    }

    [Fact]
    public void A_failed_close_returns_the_position_to_active_and_keeps_its_protection()
    {
        var stopId = ClientOrderId.Create("ta-stop-1");
        var data = PositionData.Empty
            .Apply(Opened(PositionDirection.Long))
            .Apply(new EntryFilled(1m, 100m, 0m, "stream", T0))
            .Apply(new ProtectionArmed(new IntentId("stop-1"), ProtectionKind.Stop, stopId, 95m, T0))
            .Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-1"), T0))
            .Apply(new CloseFailed("rejected", T0));

        Assert.Equal(PositionState.Active, data.State);
        Assert.Equal(stopId, data.ActiveStop!.ClientOrderId);
        Assert.Equal(95m, data.StopPrice);
    }

    [Fact]
    public void Terminal_states_accept_nothing_but_housekeeping()
    {
        var housekeeping = new[] { typeof(ProtectionCancelled), typeof(FlatnessChecked), typeof(FundingRecorded), typeof(AlertRaised) };
        var fromTerminal = PositionTransitions.All.Where(t => t.From.IsTerminal()).ToList();

        Assert.NotEmpty(fromTerminal);
        Assert.All(fromTerminal, t =>
        {
            Assert.Equal(t.From, t.To);
            Assert.Contains(t.Event, housekeeping);
        });
    }

    [Fact]
    public void Only_a_new_position_can_be_opened()
    {
        var states = Enum.GetValues<PositionState>().Where(s => s != PositionState.New);

        Assert.All(states, state => Assert.False(PositionTransitions.TryNext(state, Opened(PositionDirection.Long), out _)));
    }

    private static PositionOpened Opened(PositionDirection direction) => new(
        new PositionId("p1"), new IntentId("entry-1"), Market.Futures, new Symbol("BTCUSDT"), direction,
        1m, 100m, 95m, null, "test", T0);
}
