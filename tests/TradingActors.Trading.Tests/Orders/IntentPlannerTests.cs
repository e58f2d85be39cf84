using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Tests.Orders.IntentSamples;

namespace TradingActors.Trading.Tests.Orders;

public sealed class IntentPlannerTests
{
    private static readonly ExecutionPolicy Market_ = new ExecutionPolicy.Market();

    [Fact]
    public void Nothing_is_decided_while_an_order_is_in_flight_or_unknown_or_the_intent_is_not_working()
    {
        var working = Submitted(Trade(Market_));

        Assert.IsType<IntentStep.Wait>(IntentPlanner.Next(working, Futures(), sliceDue: true, anyInFlight: true));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.Next(working.Sent("m1", LegKind.Market, 1m).Unknown("m1"), Futures(), true, false));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.Next(IntentData.Empty, Futures(), true, false));
    }

    [Fact]
    public void A_market_trade_sends_one_market_order_reduce_only_only_on_futures()
    {
        var exit = Submitted(Trade(Market_, reduceOnly: true));

        var onFutures = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(exit, Futures(), true, false));
        var onSpot = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(exit, Spot(), true, false));

        Assert.Equal(new IntentStep.PlaceOrder("m1", LegKind.Market, OrderSide.Buy, 1m, null, ReduceOnly: true), onFutures);
        Assert.False(onSpot.ReduceOnly);
    }

    [Fact]
    public void A_market_trade_finishes_completed_once_its_order_filled_and_failed_with_the_refusal_otherwise()
    {
        var sent = Submitted(Trade(Market_)).Sent("m1", LegKind.Market, 1m);

        var filled = IntentPlanner.Next(sent.Progressed("m1", OrderStatus.Filled, 1m), Futures(), true, false);
        var refused = IntentPlanner.Next(sent.Rejected("m1"), Futures(), true, false);

        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "market order done"), filled);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "rejected -2010: insufficient balance"), refused);
    }

    [Fact]
    public void A_trade_waits_while_a_leg_is_still_working()
    {
        var working = Submitted(Trade(Market_)).Sent("m1", LegKind.Market, 1m).Progressed("m1", OrderStatus.PartiallyFilled, 0.5m);

        Assert.IsType<IntentStep.Wait>(IntentPlanner.Next(working, Futures(), true, false));
    }

    [Fact]
    public void A_post_only_trade_rests_at_its_own_touch_or_fails_without_a_quote()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.PostOnly()));

        var placed = IntentPlanner.Next(intent, Futures(), true, false);
        var noQuote = IntentPlanner.Next(intent, NoQuote(), true, false);
        var done = IntentPlanner.Next(intent.Sent("p1", LegKind.PostOnly, 1m, 99m).Progressed("p1", OrderStatus.Filled, 1m), Futures(), true, false);

        Assert.Equal(new IntentStep.PlaceOrder("p1", LegKind.PostOnly, OrderSide.Buy, 1m, 99m), placed);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "no quote to price a maker order"), noQuote);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "post-only order done"), done);
    }

    [Fact]
    public void Maker_then_taker_rests_a_maker_with_its_window_then_takes_what_did_not_fill()
    {
        var policy = new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), Market_);
        var intent = Submitted(Trade(policy));
        var makerEnded = intent.Sent("mk", LegKind.PostOnly, 1m, 99m).Progressed("mk", OrderStatus.Canceled, 0.4m);

        var maker = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(intent, Futures(), true, false));
        var taker = IntentPlanner.Next(makerEnded, Futures(), true, false);
        var done = IntentPlanner.Next(makerEnded.Sent("fm", LegKind.Market, 0.6m).Progressed("fm", OrderStatus.Expired, 0.3m), Futures(), true, false);

        Assert.Equal(("mk", LegKind.PostOnly, 99m, TimeSpan.FromSeconds(5)), (maker.Leg, maker.Kind, maker.Price!.Value, maker.MakerWindow!.Value));
        Assert.Equal(new IntentStep.PlaceOrder("fm", LegKind.Market, OrderSide.Buy, 0.6m, null), taker);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "maker then taker done"), done);
    }

    [Fact]
    public void Maker_then_taker_finishes_as_maker_when_the_maker_filled_it_all()
    {
        var filled = Submitted(Trade(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), Market_)))
            .Sent("mk", LegKind.PostOnly, 1m, 99m).Progressed("mk", OrderStatus.Filled, 1m);

        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "filled as maker"), IntentPlanner.Next(filled, Futures(), true, false));
    }

    [Fact]
    public void Maker_then_taker_without_a_quote_goes_straight_to_its_fallback()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), Market_)));

        Assert.Equal(new IntentStep.PlaceOrder("fm", LegKind.Market, OrderSide.Buy, 1m, null), IntentPlanner.Next(intent, NoQuote(), true, false));
    }

    [Fact]
    public void A_twap_fallback_slices_what_the_maker_left()
    {
        var policy = new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), new ExecutionPolicy.Twap(2, TimeSpan.FromSeconds(10)));
        var makerEnded = Submitted(Trade(policy)).Sent("mk", LegKind.PostOnly, 1m, 99m).Progressed("mk", OrderStatus.Canceled, 0.4m);

        var slice = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(makerEnded, Futures(), true, false));

        Assert.Equal(("f1", 0.3m), (slice.Leg, slice.Quantity));
    }

    [Fact]
    public void Twap_sends_a_slice_when_due_and_the_last_slice_takes_what_is_left()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.Twap(3, TimeSpan.FromSeconds(10)), quantity: 0.9m));
        var twoSent = intent.Sent("t1", LegKind.Market, 0.3m).Progressed("t1", OrderStatus.Filled, 0.3m)
            .Sent("t2", LegKind.Market, 0.3m).Progressed("t2", OrderStatus.Expired, 0.2m);

        var first = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(intent, Futures(), sliceDue: true, false));
        var notDue = IntentPlanner.Next(twoSent, Futures(), sliceDue: false, false);
        var last = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(twoSent, Futures(), sliceDue: true, false));

        Assert.Equal(("t1", 0.3m, TimeSpan.FromSeconds(10)), (first.Leg, first.Quantity, first.NextSliceIn!.Value));
        Assert.IsType<IntentStep.Wait>(notDue);
        Assert.Equal(("t3", 0.4m), (last.Leg, last.Quantity));
    }

    [Fact]
    public void Twap_finishes_after_its_slices_or_a_refusal()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.Twap(2, TimeSpan.FromSeconds(10))));
        var all = intent.Sent("t1", LegKind.Market, 0.5m).Progressed("t1", OrderStatus.Filled, 0.5m)
            .Sent("t2", LegKind.Market, 0.5m).Progressed("t2", OrderStatus.Filled, 0.5m);
        var refused = intent.Sent("t1", LegKind.Market, 0.5m).Rejected("t1");

        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "2 TWAP slices done"), IntentPlanner.Next(all, Futures(), true, false));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "rejected -2010: insufficient balance"), IntentPlanner.Next(refused, Futures(), true, false));
    }

    [Fact]
    public void A_price_chase_crosses_the_spread_by_a_tick_then_goes_to_market_after_its_attempts()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.PriceChase(2, FillOrKill: false)));
        var twoMissed = intent.Sent("c1", LegKind.ImmediateOrCancel, 1m, 101.1m).Progressed("c1", OrderStatus.Expired)
            .Sent("c2", LegKind.ImmediateOrCancel, 1m, 101.1m).Progressed("c2", OrderStatus.Expired);

        var first = IntentPlanner.Next(intent, Futures(), true, false);
        var market = IntentPlanner.Next(twoMissed, Futures(), true, false);
        var done = IntentPlanner.Next(twoMissed.Sent("cm", LegKind.Market, 1m).Rejected("cm"), Futures(), true, false);

        Assert.Equal(new IntentStep.PlaceOrder("c1", LegKind.ImmediateOrCancel, OrderSide.Buy, 1m, 101.1m), first);
        Assert.Equal(new IntentStep.PlaceOrder("cm", LegKind.Market, OrderSide.Buy, 1m, null), market);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "rejected -2010: insufficient balance"), done);
    }

    [Fact]
    public void A_fill_or_kill_chase_without_a_quote_goes_to_market_and_a_filled_chase_finishes()
    {
        var intent = Submitted(Trade(new ExecutionPolicy.PriceChase(2, FillOrKill: true)));
        var filled = intent.Sent("c1", LegKind.FillOrKill, 1m, 101.1m).Progressed("c1", OrderStatus.Filled, 1m);

        var fok = Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(intent, Futures(), true, false));

        Assert.Equal(LegKind.FillOrKill, fok.Kind);
        Assert.Equal("cm", Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.Next(intent, NoQuote(), true, false)).Leg);
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "filled by chasing"), IntentPlanner.Next(filled, Futures(), true, false));
    }

    [Fact]
    public void A_stop_is_an_algo_order_on_futures_and_a_stop_loss_order_on_spot_sent_once()
    {
        var stop = Submitted(new OrderIntentSpec.Stop
        {
            Market = Market.Futures, Symbol = Btc, Side = OrderSide.Sell, Quantity = 1m, TriggerPrice = 90m, ClosePosition = true,
        });

        Assert.Equal(new IntentStep.PlaceConditional("sl", OrderSide.Sell, 1m, 90m, TakeProfit: false, ClosePosition: true), IntentPlanner.Next(stop, Futures(), true, false));
        Assert.Equal(new IntentStep.PlaceOrder("sl", LegKind.SpotStop, OrderSide.Sell, 1m, 90m), IntentPlanner.Next(stop, Spot(), true, false));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.Next(stop.Sent("sl", LegKind.ConditionalStop, 1m, 90m).Rejected("sl"), Futures(), true, false));
    }

    [Fact]
    public void A_take_profit_is_a_reduce_only_algo_order_and_a_bracket_an_oco()
    {
        var takeProfit = Submitted(new OrderIntentSpec.TakeProfit { Market = Market.Futures, Symbol = Btc, Side = OrderSide.Sell, Quantity = 1m, TriggerPrice = 120m });
        var bracket = Submitted(new OrderIntentSpec.Bracket { Market = Market.Spot, Symbol = Btc, Quantity = 1m, TakeProfitPrice = 120m, StopPrice = 90m });

        Assert.Equal(new IntentStep.PlaceConditional("tp", OrderSide.Sell, 1m, 120m, TakeProfit: true, ClosePosition: false), IntentPlanner.Next(takeProfit, Futures(), true, false));
        Assert.Equal(new IntentStep.PlaceOco(1m, 120m, 90m), IntentPlanner.Next(bracket, Spot(), true, false));
    }

    [Fact]
    public void A_trailing_stop_is_a_trailing_algo_order_on_futures_that_protects_as_a_trailing_stop_and_is_refused_on_spot()
    {
        var spec = new OrderIntentSpec.TrailingStop
        {
            Market = Market.Futures, Symbol = Btc, Side = OrderSide.Sell, Quantity = 1m, CallbackRatePercent = 2m, ActivationPrice = 105m,
        };
        var resting = Submitted(spec).Sent("ts", LegKind.ConditionalStop, 1m, 105m, OrderSide.Sell).Progressed("ts", OrderStatus.New);

        Assert.Equal(new IntentStep.PlaceTrailingStop("ts", OrderSide.Sell, 1m, 2m, 105m), IntentPlanner.Next(Submitted(spec), Futures(), sliceDue: true, anyInFlight: false));
        Assert.Equal(new IntentStep.Establish("ts", ProtectionKind.TrailingStop, 105m), IntentPlanner.AfterProgress(resting, resting.Leg("ts")!));
        Assert.IsType<IntentStep.Finish>(IntentPlanner.Next(Submitted(spec), Spot(), sliceDue: true, anyInFlight: false));
    }

    [Fact]
    public void A_cancel_intent_cancels_under_a_fresh_leg_and_gives_up_after_its_attempts()
    {
        var target = ClientOrderId.Create("ta-other-m1");
        var cancel = Submitted(new OrderIntentSpec.Cancel { Market = Market.Futures, Symbol = Btc, Target = target, Conditional = true });
        var twice = cancel.Sent("cx", LegKind.Cancel, 0m).Progressed("cx", OrderStatus.Canceled).Sent("cx2", LegKind.Cancel, 0m).Progressed("cx2", OrderStatus.Canceled);

        Assert.Equal(new IntentStep.CancelOrder("cx", target, Conditional: true), IntentPlanner.Next(cancel, Futures(), true, false));
        Assert.Equal(new IntentStep.CancelOrder("cx3", target, Conditional: true), IntentPlanner.Next(twice, Futures(), true, false));
        Assert.Equal(
            new IntentStep.Finish(IntentStatus.Unresolved, "cancel outcome unknown after every attempt"),
            IntentPlanner.Next(twice.Sent("cx3", LegKind.Cancel, 0m).Progressed("cx3", OrderStatus.Canceled), Futures(), true, false));
    }

    [Fact]
    public void A_resting_stop_order_becomes_the_protection_of_its_kind()
    {
        var stop = StopIntent().Sent("sl", LegKind.ConditionalStop, 1m, 90m).Progressed("sl", OrderStatus.New);
        var takeProfit = Submitted(new OrderIntentSpec.TakeProfit { Market = Market.Futures, Symbol = Btc, Side = OrderSide.Sell, Quantity = 1m, TriggerPrice = 120m })
            .Sent("tp", LegKind.ConditionalStop, 1m, 120m).Progressed("tp", OrderStatus.New);

        Assert.Equal(new IntentStep.Establish("sl", ProtectionKind.Stop, 90m), IntentPlanner.AfterProgress(stop, stop.Leg("sl")!));
        Assert.Equal(new IntentStep.Establish("tp", ProtectionKind.TakeProfit, 120m), IntentPlanner.AfterProgress(takeProfit, takeProfit.Leg("tp")!));
    }

    [Fact]
    public void Progress_of_a_working_trade_asks_for_the_next_step()
    {
        var trade = Submitted(Trade(Market_)).Sent("m1", LegKind.Market, 1m).Progressed("m1", OrderStatus.Filled, 1m);

        Assert.IsType<IntentStep.Continue>(IntentPlanner.AfterProgress(trade, trade.Leg("m1")!));
    }

    [Fact]
    public void An_armed_intent_completes_when_its_protection_fills_or_every_protective_order_ended()
    {
        var armed = StopIntent().Sent("sl", LegKind.ConditionalStop, 1m, 90m).Progressed("sl", OrderStatus.New).Established("sl", ProtectionKind.Stop, 90m);
        var filled = armed.Progressed("sl", OrderStatus.Filled, 1m, 90m);
        var cancelled = armed.Progressed("sl", OrderStatus.Canceled);

        Assert.IsType<IntentStep.Wait>(IntentPlanner.AfterProgress(armed, armed.Leg("sl")!));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "sl filled"), IntentPlanner.AfterProgress(filled, filled.Leg("sl")!));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "protection ended"), IntentPlanner.AfterArmedProgress(cancelled, cancelled.Leg("sl")!));
    }

    [Fact]
    public void An_armed_guard_waits_for_its_market_exit_before_it_ends()
    {
        var fired = GuardArmed().Sent("gm", LegKind.Market, 1m, side: OrderSide.Sell).Progressed("gs", OrderStatus.Canceled);

        Assert.IsType<IntentStep.Wait>(IntentPlanner.AfterArmedProgress(fired, fired.Leg("gs")!));
    }

    [Fact]
    public void A_refused_spot_stop_becomes_a_guard_stop()
    {
        var refused = StopIntent().Sent("sl", LegKind.SpotStop, 1m, 90m).Rejected("sl", -1013, "stop orders not supported");

        Assert.Equal(new IntentStep.ArmGuard(1m, 90m, "stop order refused (-1013)"), IntentPlanner.AfterRejection(refused, refused.Leg("sl")!));
    }

    [Fact]
    public void A_stop_that_never_reached_the_exchange_fails_instead_of_becoming_a_guard_stop()
    {
        var neverPlaced = StopIntent().Sent("sl", LegKind.SpotStop, 1m, 90m).Rejected("sl", ExchangeErrorCodes.OrderDoesNotExist, "order not found after repeated queries");

        Assert.Equal(
            new IntentStep.Finish(IntentStatus.Failed, "rejected -2013: order not found after repeated queries"),
            IntentPlanner.AfterRejection(neverPlaced, neverPlaced.Leg("sl")!));
    }

    [Fact]
    public void After_a_crash_the_unanswered_cancels_of_its_own_legs_are_settled_but_a_cancel_intent_repeats_its_own()
    {
        var oco = Submitted(new OrderIntentSpec.Bracket { Market = Market.Spot, Symbol = Btc, Quantity = 1m, TakeProfitPrice = 120m, StopPrice = 90m })
            .Sent("oco", LegKind.Oco, 1m, 90m).Progressed("oco", OrderStatus.New).Established("oco", ProtectionKind.Oco, 90m);
        var answered = oco.Sent("ocox", LegKind.Cancel, 0m).Progressed("ocox", OrderStatus.Canceled);
        var unanswered = answered.Sent("ocoxx", LegKind.Cancel, 0m);
        var cancelIntent = Submitted(new OrderIntentSpec.Cancel { Market = Market.Spot, Symbol = Btc, Target = ClientOrderId.Create("ta-foreign") })
            .Sent("cx", LegKind.Cancel, 0m);

        Assert.Empty(IntentPlanner.UnansweredCancels(answered));
        Assert.Equal(["ocoxx"], IntentPlanner.UnansweredCancels(unanswered).Select(l => l.Leg));
        Assert.Empty(IntentPlanner.UnansweredCancels(cancelIntent));
    }

    [Fact]
    public void A_refused_oco_becomes_a_separate_stop_and_a_refused_bracket_stop_a_guard()
    {
        var bracket = Submitted(new OrderIntentSpec.Bracket { Market = Market.Spot, Symbol = Btc, Quantity = 1m, TakeProfitPrice = 120m, StopPrice = 90m });
        var ocoRefused = bracket.Sent("oco", LegKind.Oco, 1m, 90m).Rejected("oco", -1013, "OCO not allowed");
        var stopRefused = ocoRefused.Sent("sl", LegKind.SpotStop, 1m, 90m).Rejected("sl", -1013, "stop not allowed");

        Assert.Equal(new IntentStep.ReplaceOcoWithStop(1m, 90m), IntentPlanner.AfterRejection(ocoRefused, ocoRefused.Leg("oco")!));
        Assert.Equal(new IntentStep.ArmGuard(1m, 90m, "stop order refused (-1013)"), IntentPlanner.AfterRejection(stopRefused, stopRefused.Leg("sl")!));
    }

    [Fact]
    public void A_refused_maker_or_chase_goes_on_by_its_policy_and_another_refused_trade_ends()
    {
        var maker = Submitted(Trade(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), Market_))).Sent("mk", LegKind.PostOnly, 1m, 99m).Rejected("mk", -5022, "would take");
        var market = Submitted(Trade(Market_)).Sent("m1", LegKind.Market, 1m).Rejected("m1");

        Assert.IsType<IntentStep.Continue>(IntentPlanner.AfterRejection(maker, maker.Leg("mk")!));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "rejected -2010: insufficient balance"), IntentPlanner.AfterRejection(market, market.Leg("m1")!));
    }

    [Fact]
    public void A_cancel_of_an_unknown_order_completes_and_a_refused_algo_stop_fails()
    {
        var cancel = Submitted(new OrderIntentSpec.Cancel { Market = Market.Futures, Symbol = Btc, Target = ClientOrderId.Create("ta-x-m1") })
            .Sent("cx", LegKind.Cancel, 0m).Rejected("cx", ExchangeErrorCodes.UnknownOrderSent, "unknown order");
        var stop = StopIntent().Sent("sl", LegKind.ConditionalStop, 1m, 90m).Rejected("sl", -2021, "would trigger immediately");

        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "nothing to cancel"), IntentPlanner.AfterRejection(cancel, cancel.Leg("cx")!));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "rejected -2021: would trigger immediately"), IntentPlanner.AfterRejection(stop, stop.Leg("sl")!));
    }

    [Fact]
    public void A_guard_stop_sells_at_market_once_the_bid_crosses_it()
    {
        var guard = GuardArmed();

        Assert.IsType<IntentStep.Wait>(IntentPlanner.OnPrice(guard, 91m, anyInFlight: false));
        Assert.Equal(new IntentStep.PlaceOrder("gm", LegKind.Market, OrderSide.Sell, 1m, null), IntentPlanner.OnPrice(guard, 90m, anyInFlight: false));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.OnPrice(guard, 90m, anyInFlight: true));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.OnPrice(guard.Sent("gm", LegKind.Market, 1m, side: OrderSide.Sell), 80m, false));
    }

    [Fact]
    public void A_bracket_take_profit_watched_locally_first_cancels_the_resting_stop_that_locks_the_balance()
    {
        var bracket = Submitted(new OrderIntentSpec.Bracket { Market = Market.Spot, Symbol = Btc, Quantity = 1m, TakeProfitPrice = 120m, StopPrice = 90m })
            .Sent("oco", LegKind.Oco, 1m, 90m).Rejected("oco", -1013, "OCO not allowed")
            .Sent("sl", LegKind.SpotStop, 1m, 90m).Progressed("sl", OrderStatus.New).Established("sl", ProtectionKind.Stop, 90m);

        Assert.IsType<IntentStep.Wait>(IntentPlanner.OnPrice(bracket, 119m, false));
        Assert.Equal(new IntentStep.CancelLeg("sl", ThenExit: true), IntentPlanner.OnPrice(bracket, 120m, false));
    }

    [Fact]
    public void A_live_oco_holds_the_take_profit_itself()
    {
        var bracket = Submitted(new OrderIntentSpec.Bracket { Market = Market.Spot, Symbol = Btc, Quantity = 1m, TakeProfitPrice = 120m, StopPrice = 90m })
            .Sent("oco", LegKind.Oco, 1m, 90m).Progressed("oco", OrderStatus.New).Established("oco", ProtectionKind.Oco, 90m);

        Assert.IsType<IntentStep.Wait>(IntentPlanner.OnPrice(bracket, 130m, false));
    }

    [Fact]
    public void The_guard_exit_is_sent_only_by_an_armed_intent_and_only_once()
    {
        Assert.IsType<IntentStep.PlaceOrder>(IntentPlanner.GuardExit(GuardArmed()));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.GuardExit(StopIntent()));
        Assert.IsType<IntentStep.Wait>(IntentPlanner.GuardExit(GuardArmed().Sent("gm", LegKind.Market, 1m, side: OrderSide.Sell)));
    }

    private static IntentData StopIntent() => Submitted(new OrderIntentSpec.Stop { Market = Market.Spot, Symbol = Btc, Side = OrderSide.Sell, Quantity = 1m, TriggerPrice = 90m });

    private static IntentData GuardArmed() => StopIntent().Sent("sl", LegKind.SpotStop, 1m, 90m).Rejected("sl", -1013, "no stops")
        .Sent("gs", LegKind.GuardStop, 1m, 90m, OrderSide.Sell).Progressed("gs", OrderStatus.New).Established("gs", ProtectionKind.GuardStop, 90m);
}
