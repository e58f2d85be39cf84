using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;
using static TradingActors.Trading.Orders.IntentProtocol;

namespace TradingActors.Trading.Tests.Positions;

public sealed class PositionReportsTests
{
    private const int MaxStopFailures = 10;

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PositionSettings Settings = new() { MaxCloseAttempts = 2, VerificationBackoff = TimeSpan.FromSeconds(1) };

    private static readonly IntentId Entry = new("entry-1");

    private static readonly IntentId Exit = new("exit-1");

    private static readonly IntentId Stop1 = new("p1-sl1");

    private static readonly IntentId Stop2 = new("p1-sl2");

    private static readonly IntentId TakeProfit = new("p1-tp");

    private static readonly IntentId Trailing = new("p1-ts");

    private static readonly ClientOrderId StopOrder = ClientOrderId.Create("ta-p1-sl1-sl");

    [Fact]
    public void A_filled_entry_is_recorded_net_of_base_fees_and_then_protected()
    {
        var decision = PositionReports.OnEntry(Pending(), Report(Entry, IntentStatus.Completed, 1m, 100m, fees: 0.1m, baseFees: 0.001m), verifying: false, T0);

        Assert.Equal(new IPositionEvent[] { new EntryFilled(0.999m, 100m, 0.1m, "order", T0) }, decision.Events);
        Assert.Equal(new PositionAction[] { PositionAction.EnsureProtected.Instance }, decision.Then);
    }

    [Fact]
    public void An_unresolved_entry_that_filled_is_active_too()
    {
        var decision = PositionReports.OnEntry(Pending(), Report(Entry, IntentStatus.Unresolved, 0.4m, 100m), verifying: true, T0);

        Assert.IsType<EntryFilled>(Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData(IntentStatus.Completed)]
    [InlineData(IntentStatus.Failed)]
    public void An_entry_that_certainly_did_not_fill_failed(IntentStatus status)
    {
        var decision = PositionReports.OnEntry(Pending(), Report(Entry, status, 0m, 0m, reason: "rejected"), verifying: false, T0);

        Assert.Equal(new IPositionEvent[] { new EntryFailed("rejected", T0) }, decision.Events);
        Assert.Equal(new PositionAction[] { PositionAction.AfterTerminal.Instance }, decision.Then);
    }

    [Fact]
    public void An_unknown_entry_outcome_is_verified_once_and_is_not_failure()
    {
        var unresolved = Report(Entry, IntentStatus.Unresolved, 0m, 0m);

        AssertDecision([], [PositionAction.VerifyEntry.Instance], PositionReports.OnEntry(Pending(), unresolved, verifying: false, T0));
        Assert.True(PositionReports.OnEntry(Pending(), unresolved, verifying: true, T0).IsNothing);
        Assert.True(PositionReports.OnEntry(Pending(), Report(Entry, IntentStatus.Working, 0m, 0m), verifying: false, T0).IsNothing);
    }

    [Fact]
    public void An_entry_the_exchange_position_confirmed_while_its_twap_still_worked_adds_the_rest_once_the_intent_reports_it()
    {
        // Restarted between TWAP slices, the position saw 0.4 on the exchange and became active; the intent went on to 1.
        var early = Pending().Apply(new EntryFilled(0.4m, 100m, 0m, "position-query", T0));

        var decision = PositionReports.OnEntry(early, Report(Entry, IntentStatus.Completed, 1m, 101.2m, fees: 0.1m), verifying: true, T0);

        var rest = Assert.IsType<EntryFilled>(Assert.Single(decision.Events));
        Assert.Equal((0.6m, 102m, 0.1m), (rest.Quantity, rest.AveragePrice, rest.Fees));
        var after = early.Apply(rest);
        Assert.Equal((1m, 101.2m), (after.Quantity, after.EntryPrice));
        Assert.Empty(PositionReports.OnEntry(after, Report(Entry, IntentStatus.Completed, 1m, 101.2m, fees: 0.1m), verifying: true, T0).Events);
        Assert.Empty(PositionReports.OnEntry(early.Apply(new QuantityCorrected(1m, T0)), Report(Entry, IntentStatus.Completed, 1m, 101.2m), verifying: true, T0).Events);
    }

    [Fact]
    public void Entry_reports_after_the_entry_are_ignored()
    {
        Assert.True(PositionReports.OnEntry(Active(), Report(Entry, IntentStatus.Completed, 1m, 100m), verifying: false, T0).IsNothing);
    }

    [Fact]
    public void A_filled_exit_closes_the_position_with_its_pnl_net_of_entry_and_exit_fees()
    {
        var decision = PositionReports.OnExit(Closing(), Report(Exit, IntentStatus.Completed, 1m, 110m, fees: 0.2m), minQuantity: 0.001m, Settings, T0);

        Assert.Equal(new IPositionEvent[] { new PositionClosed(CloseReason.Manual, 1m, 110m, 0.2m, 10m - 0.1m - 0.2m, T0) }, decision.Events);
        Assert.Equal(new PositionAction[] { PositionAction.Closed.Instance }, decision.Then);
    }

    [Fact]
    public void An_exit_leaving_less_than_the_minimum_quantity_closes_the_position()
    {
        var decision = PositionReports.OnExit(Closing(), Report(Exit, IntentStatus.Completed, 0.9995m, 110m), minQuantity: 0.001m, Settings, T0);

        Assert.IsType<PositionClosed>(Assert.Single(decision.Events));
    }

    [Fact]
    public void A_partial_exit_realizes_its_part_and_closes_the_rest_again()
    {
        var decision = PositionReports.OnExit(Closing(), Report(Exit, IntentStatus.Completed, 0.4m, 110m, fees: 0.1m), minQuantity: 0.001m, Settings, T0);

        Assert.Equal(
            new IPositionEvent[] { new ExitPartiallyFilled(0.4m, 110m, 0.1m, 3.9m, T0), new CloseFailed("exit filled 0.4 of 1", T0) },
            decision.Events);
        Assert.Equal(new PositionAction[] { PositionAction.RetryClose.Instance }, decision.Then);
    }

    [Fact]
    public void A_failed_exit_is_tried_again_until_the_attempts_are_spent_then_alerts_and_stays_protected()
    {
        var failed = Report(Exit, IntentStatus.Failed, 0m, 0m, reason: "rejected");
        var secondClose = Closing().Apply(new CloseFailed("rejected", T0)).Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-2"), T0));

        var first = PositionReports.OnExit(Closing(), failed, 0.001m, Settings, T0);
        var last = PositionReports.OnExit(secondClose, failed, 0.001m, Settings, T0);

        AssertDecision([new CloseFailed("rejected", T0)], [PositionAction.RetryClose.Instance], first);
        Assert.Equal(
            new PositionAction[] { new PositionAction.Alert(AlertSeverity.Critical, "position still open after 2 close attempts (rejected)"), PositionAction.EnsureProtected.Instance },
            last.Then);
    }

    [Fact]
    public void A_spot_position_left_without_protection_after_its_last_close_attempt_arms_its_stop()
    {
        var spot = PositionData.Empty.Apply(Opened(Market.Spot)).Apply(new EntryFilled(1m, 100m, 0m, "order", T0))
            .Apply(new CloseStarted(CloseReason.Manual, Exit, T0)).Apply(new CloseFailed("rejected", T0))
            .Apply(new CloseStarted(CloseReason.Manual, new IntentId("exit-2"), T0));

        var decision = PositionReports.OnExit(spot, Report(Exit, IntentStatus.Failed, 0m, 0m, reason: "rejected"), 0.001m, Settings, T0);

        Assert.Equal(new PositionAction.ArmStop(95m), decision.Then[^1]);
    }

    [Fact]
    public void An_unknown_exit_outcome_is_left_to_the_reconciler_with_an_alert_and_reports_out_of_closing_are_ignored()
    {
        var decision = PositionReports.OnExit(Closing(), Report(Exit, IntentStatus.Unresolved, 0m, 0m, reason: "timeout"), 0.001m, Settings, T0);

        Assert.Empty(decision.Events);
        Assert.Equal(new PositionAction.Alert(AlertSeverity.Critical, "exit exit-1 outcome unknown: timeout; the reconciler will settle it"), Assert.Single(decision.Then));
        Assert.True(PositionReports.OnExit(Active(), Report(Exit, IntentStatus.Completed, 1m, 110m), 0.001m, Settings, T0).IsNothing);
    }

    [Fact]
    public void An_armed_stop_is_recorded_then_replaces_older_stops_and_settles_the_pending_stop()
    {
        var decision = OnProtection(Active(), Armed(Stop1, ProtectionKind.Stop), pendingStop: Stop1);

        Assert.Equal(new IPositionEvent[] { new ProtectionArmed(Stop1, ProtectionKind.Stop, StopOrder, 95m, T0) }, decision.Events);
        Assert.Equal(new PositionAction[] { PositionAction.ReplaceOlderStops.Instance, PositionAction.EnsureTakeProfit.Instance }, decision.Then);
        Assert.True(decision.SettlesPendingStop);
    }

    [Fact]
    public void An_armed_take_profit_does_not_settle_the_pending_stop_and_a_guard_stop_raises_a_warning()
    {
        var takeProfit = OnProtection(Active(), Armed(TakeProfit, ProtectionKind.TakeProfit), pendingStop: Stop1);
        var guard = OnProtection(Active(), Armed(Stop1, ProtectionKind.GuardStop), pendingStop: Stop1);

        Assert.False(takeProfit.SettlesPendingStop);
        Assert.Equal(new PositionAction.Alert(AlertSeverity.Warning, "BTCUSDT cannot hold a stop order; a local guard stop watches the price"), guard.Then[^1]);
    }

    [Fact]
    public void A_protection_armed_after_the_position_ended_is_cancelled()
    {
        var closed = Closing().Apply(new PositionClosed(CloseReason.Manual, 1m, 110m, 0m, 10m, T0));

        AssertDecision([], [new PositionAction.CancelIntent(Stop1)], OnProtection(closed, Armed(Stop1, ProtectionKind.Stop)));
    }

    [Fact]
    public void A_protection_that_fired_closes_the_position_as_a_stop_loss_or_take_profit_by_its_price()
    {
        var protectedPosition = Protected();

        var stopLoss = OnProtection(protectedPosition, Report(Stop1, IntentStatus.Completed, 1m, 95m));
        var takeProfit = OnProtection(Active(), Report(TakeProfit, IntentStatus.Completed, 1m, 120m));

        Assert.Equal(new ProtectionCancelled(StopOrder, T0), stopLoss.Events[0]);
        Assert.Equal(CloseReason.StopLoss, Assert.IsType<PositionClosed>(stopLoss.Events[1]).Reason);
        Assert.Equal(CloseReason.TakeProfit, Assert.IsType<PositionClosed>(Assert.Single(takeProfit.Events)).Reason);
        Assert.Equal(new PositionAction[] { PositionAction.Closed.Instance }, stopLoss.Then);
    }

    [Fact]
    public void A_stop_the_node_trails_that_fired_closes_as_a_trailing_stop()
    {
        var trailing = PositionData.Empty.Apply(Opened(Market.Spot, trailing: 0.01m)).Apply(new EntryFilled(1m, 100m, 0.1m, "order", T0))
            .Apply(new ProtectionArmed(Stop1, ProtectionKind.Stop, StopOrder, 105m, T0));

        var decision = OnProtection(trailing, Report(Stop1, IntentStatus.Completed, 1m, 105m));

        Assert.Equal(CloseReason.TrailingStop, Assert.IsType<PositionClosed>(decision.Events[^1]).Reason);
    }

    [Fact]
    public void An_exchange_trailing_stop_that_fired_closes_as_a_trailing_stop_and_the_fixed_stop_beside_it_as_a_stop_loss()
    {
        var trailingOrder = ClientOrderId.Create("ta-p1-ts-ts");
        var both = PositionData.Empty.Apply(Opened(Market.Futures, trailing: 0.02m)).Apply(new EntryFilled(1m, 100m, 0.1m, "order", T0))
            .Apply(new ProtectionArmed(Stop1, ProtectionKind.Stop, StopOrder, 95m, T0))
            .Apply(new ProtectionArmed(Trailing, ProtectionKind.TrailingStop, trailingOrder, 0m, T0));

        var trailed = OnProtection(both, Report(Trailing, IntentStatus.Completed, 1m, 108m));
        var stopped = OnProtection(both, Report(Stop1, IntentStatus.Completed, 1m, 95m));

        Assert.Equal(new ProtectionCancelled(trailingOrder, T0), trailed.Events[0]);
        Assert.Equal(CloseReason.TrailingStop, Assert.IsType<PositionClosed>(trailed.Events[1]).Reason);
        Assert.Equal(CloseReason.StopLoss, Assert.IsType<PositionClosed>(stopped.Events[1]).Reason);
    }

    [Fact]
    public void An_armed_exchange_trailing_stop_rests_beside_the_stop_without_settling_or_replacing_it()
    {
        var leg = new LegData("ts", ClientOrderId.Create("ta-p1-ts-ts"), LegKind.ConditionalStop, OrderSide.Sell, 1m, null) { Protection = ProtectionKind.TrailingStop, Status = OrderStatus.New };

        var decision = OnProtection(Protected(), Report(Trailing, IntentStatus.Armed, 0m, 0m) with { Legs = [leg] }, pendingStop: Stop2);

        Assert.Equal(new IPositionEvent[] { new ProtectionArmed(Trailing, ProtectionKind.TrailingStop, leg.ClientOrderId, 0m, T0) }, decision.Events);
        Assert.False(decision.SettlesPendingStop);
        var after = Protected().Apply(decision.Events[0]);
        Assert.Equal(StopOrder, after.ActiveStop!.ClientOrderId);
        Assert.Equal(Protected().StopAttempts, after.StopAttempts);
    }

    [Theory]
    [InlineData(IntentStatus.Failed)]
    [InlineData(IntentStatus.Unresolved)]
    public void A_trailing_stop_the_exchange_did_not_take_is_trailed_by_the_node(IntentStatus status)
    {
        var report = Report(Trailing, status, 0m, 0m, reason: "rejected -2021: Order would immediately trigger.") with
        {
            Spec = new OrderIntentSpec.TrailingStop { Market = Market.Futures, Symbol = new Symbol("BTCUSDT"), Side = OrderSide.Sell, Quantity = 1m, CallbackRatePercent = 2m },
        };

        var decision = OnProtection(Protected(), report);

        AssertDecision([], [new PositionAction.TrailLocally("the exchange did not take the trailing stop (rejected -2021: Order would immediately trigger.)")], decision);
    }

    [Fact]
    public void A_protection_that_ended_unfilled_is_dropped_and_what_follows_depends_on_the_state()
    {
        var ended = Report(Stop1, IntentStatus.Completed, 0m, 0m);
        var closingProtected = Protected().Apply(new CloseStarted(CloseReason.Manual, Exit, T0));
        var closedProtected = closingProtected.Apply(new PositionClosed(CloseReason.Manual, 1m, 110m, 0m, 10m, T0));

        AssertDecision([new ProtectionCancelled(StopOrder, T0)], [PositionAction.EnsureProtected.Instance], OnProtection(Protected(), ended));
        Assert.Equal(new PositionAction[] { PositionAction.ProceedWithExit.Instance }, OnProtection(closingProtected, ended).Then);
        Assert.Equal(new PositionAction[] { PositionAction.AfterTerminal.Instance }, OnProtection(closedProtected, ended).Then);
    }

    [Fact]
    public void A_take_profit_refused_because_the_price_is_already_past_it_takes_the_profit_now()
    {
        var decision = OnProtection(Active(), Report(TakeProfit, IntentStatus.Failed, 0m, 0m, reason: "rejected -2021: would immediately trigger"));
        var otherRefusal = OnProtection(Active(), Report(TakeProfit, IntentStatus.Failed, 0m, 0m, reason: "rejected -1111: precision"));

        AssertDecision([], [new PositionAction.Close(CloseReason.TakeProfit)], decision);
        Assert.IsType<PositionAction.Alert>(Assert.Single(otherRefusal.Then));
    }

    [Fact]
    public void A_stop_of_unknown_outcome_counts_as_failed_and_another_is_placed()
    {
        var decision = OnProtection(Active(), Report(Stop1, IntentStatus.Unresolved, 0m, 0m, reason: "timeout"), pendingStop: Stop1);

        Assert.Equal(new IPositionEvent[] { new ProtectionFailed(Stop1, "outcome unknown: timeout", T0) }, decision.Events);
        Assert.Equal(new PositionAction.RetryStop(TimeSpan.FromSeconds(1)), decision.Then[^1]);
        Assert.True(decision.SettlesPendingStop);
    }

    [Fact]
    public void A_stop_refused_as_already_through_the_price_closes_the_position()
    {
        var decision = OnProtection(Active(), Report(Stop1, IntentStatus.Failed, 0m, 0m, reason: "rejected -2021: would immediately trigger"), pendingStop: Stop1);

        Assert.Equal(new PositionAction[] { new PositionAction.Close(CloseReason.StopLoss) }, decision.Then);
    }

    [Fact]
    public void A_refused_stop_leaves_the_position_unprotected_with_an_alert_and_a_retry_with_backoff()
    {
        var decision = OnProtection(Active(), Report(Stop1, IntentStatus.Failed, 0m, 0m, reason: "rejected -2010"), pendingStop: Stop1);

        Assert.Equal(
            new PositionAction[] { new PositionAction.Alert(AlertSeverity.Critical, "position is unprotected: stop refused (rejected -2010)"), new PositionAction.RetryStop(TimeSpan.FromSeconds(2)) },
            decision.Then);
    }

    [Fact]
    public void After_too_many_refused_stops_no_retry_is_scheduled()
    {
        var refused = Active();
        for (var i = 0; i < MaxStopFailures - 1; i++)
        {
            refused = refused.Apply(new ProtectionFailed(new IntentId($"p1-sl{i + 1}"), "refused", T0));
        }

        var decision = OnProtection(refused, Report(Stop1, IntentStatus.Failed, 0m, 0m, reason: "refused"), pendingStop: Stop1);

        Assert.IsType<PositionAction.Alert>(Assert.Single(decision.Then));
    }

    [Fact]
    public void A_failed_stop_move_keeps_the_old_stop_and_tries_the_move_again()
    {
        var moving = Protected().Apply(new StopMoveRequested(98m, T0));

        var decision = OnProtection(moving, Report(Stop2, IntentStatus.Failed, 0m, 0m, reason: "refused"), pendingStop: Stop2);

        Assert.Equal(new PositionAction.RetryMove(98m, StopOrder, TimeSpan.FromSeconds(2)), decision.Then[^1]);
    }

    [Fact]
    public void A_stop_refused_after_the_position_closed_is_decided_on_the_closed_state_and_asks_for_nothing_more()
    {
        var closed = Closing().Apply(new PositionClosed(CloseReason.Manual, 1m, 110m, 0m, 10m, T0));

        var decision = OnProtection(closed, Report(Stop1, IntentStatus.Failed, 0m, 0m, reason: "refused"), pendingStop: Stop1);

        Assert.Equal(new IPositionEvent[] { new ProtectionFailed(Stop1, "refused", T0) }, decision.Events);
        Assert.Empty(decision.Then);
    }

    [Fact]
    public void A_report_of_an_intent_the_position_does_not_wait_on_changes_nothing()
    {
        Assert.True(OnProtection(Active(), Report(Stop2, IntentStatus.Failed, 0m, 0m), pendingStop: null).IsNothing);
    }

    private static void AssertDecision(IPositionEvent[] events, PositionAction[] then, ReportDecision actual)
    {
        Assert.Equal(events, actual.Events);
        Assert.Equal(then, actual.Then);
    }

    private static ReportDecision OnProtection(PositionData data, IntentReport report, IntentId? pendingStop = null) =>
        PositionReports.OnProtection(data, report, pendingStop, null, TakeProfit, MaxStopFailures, Settings, T0);

    private static PositionOpened Opened(Market market, decimal? trailing = null) => new(
        new PositionId("p1"), Entry, market, new Symbol("BTCUSDT"), PositionDirection.Long, 1m, 100m, 95m, null, "test", T0, TrailingDistance: trailing);

    private static PositionData Pending() => PositionData.Empty.Apply(Opened(Market.Futures));

    private static PositionData Active() => Pending().Apply(new EntryFilled(1m, 100m, 0.1m, "order", T0));

    private static PositionData Protected() => Active().Apply(new ProtectionArmed(Stop1, ProtectionKind.Stop, StopOrder, 95m, T0));

    private static PositionData Closing() => Active().Apply(new CloseStarted(CloseReason.Manual, Exit, T0));

    private static IntentReport Armed(IntentId id, ProtectionKind kind)
    {
        var leg = new LegData("sl", StopOrder, LegKind.ConditionalStop, OrderSide.Sell, 1m, 95m) { Protection = kind, Status = OrderStatus.New };
        return Report(id, IntentStatus.Armed, 0m, 0m) with { Legs = [leg] };
    }

    private static IntentReport Report(IntentId id, IntentStatus status, decimal filled, decimal price, decimal fees = 0m, decimal baseFees = 0m, string reason = "")
    {
        var spec = new OrderIntentSpec.Trade { Market = Market.Futures, Symbol = new Symbol("BTCUSDT"), Side = OrderSide.Buy, Quantity = 1m, Policy = new ExecutionPolicy.Market() };
        IReadOnlyList<LegData> legs = baseFees > 0m ? [new LegData("m1", ClientOrderId.Create("ta-x-m1"), LegKind.Market, OrderSide.Buy, 1m, null) { BaseFees = baseFees }] : [];
        return new IntentReport(id, new PositionId("p1"), spec, status, filled, price, fees, reason, legs);
    }
}
