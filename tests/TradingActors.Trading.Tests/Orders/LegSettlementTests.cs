using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using static TradingActors.Trading.Tests.Orders.IntentSamples;

namespace TradingActors.Trading.Tests.Orders;

public sealed class LegSettlementTests
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    private static readonly IntentData Sent = Submitted(Trade(new ExecutionPolicy.Market())).Sent("m1", LegKind.Market, 1m);

    private static LegData Unseen => Sent.Leg("m1")!;

    private static LegData Seen => Sent.Progressed("m1", OrderStatus.New).Leg("m1")!;

    private static LegData Unknown_ => Sent.Unknown("m1").Leg("m1")!;

    [Fact]
    public void An_accepted_order_is_its_progress()
    {
        var verdict = LegSettlement.Classify(Unseen, new OrderOutcome.Accepted(Order(OrderStatus.PartiallyFilled, 0.4m)), isQuery: false);

        Assert.Equal(new LegVerdict.Progressed(OrderStatus.PartiallyFilled, 0.4m, 100m, 42), verdict);
    }

    [Theory]
    [InlineData(AlgoOrderStatus.Triggered, OrderStatus.Filled)]
    [InlineData(AlgoOrderStatus.Finished, OrderStatus.Filled)]
    [InlineData(AlgoOrderStatus.Canceled, OrderStatus.Canceled)]
    [InlineData(AlgoOrderStatus.Rejected, OrderStatus.Rejected)]
    [InlineData(AlgoOrderStatus.Expired, OrderStatus.Expired)]
    [InlineData(AlgoOrderStatus.New, OrderStatus.New)]
    [InlineData(AlgoOrderStatus.Triggering, OrderStatus.New)]
    public void An_algo_order_counts_as_filled_once_triggered_and_as_working_until_then(AlgoOrderStatus algo, OrderStatus expected)
    {
        var stop = Submitted(Trade(new ExecutionPolicy.Market())).Sent("sl", LegKind.ConditionalStop, 2m, 90m).Leg("sl")!;

        var verdict = Assert.IsType<LegVerdict.Progressed>(LegSettlement.Classify(stop, new AlgoOrderOutcome.Accepted(Algo(algo)), isQuery: true));

        var filled = expected == OrderStatus.Filled;
        Assert.Equal(new LegVerdict.Progressed(expected, filled ? 2m : 0m, filled ? 90m : 0m, 77), verdict);
    }

    [Fact]
    public void An_accepted_order_list_is_an_oco_in_place()
    {
        var list = new OrderListSnapshot
        {
            Symbol = Btc, OrderListId = 1, ListClientOrderId = ClientOrderId.Create("ta-i1-oco"), Status = OrderListStatus.Executing, Legs = [],
        };

        Assert.IsType<LegVerdict.ListAccepted>(LegSettlement.Classify(Unseen, new OrderListOutcome.Accepted(list), isQuery: false));
    }

    [Theory]
    [InlineData(OrderListStatus.AllDone)]
    [InlineData(OrderListStatus.Rejected)]
    public void A_query_of_an_armed_oco_that_ended_settles_the_list_as_cancelled_while_its_orders_carry_any_execution(OrderListStatus status)
    {
        var armed = Submitted(Trade(new ExecutionPolicy.Market())).Sent("oco", LegKind.Oco, 1m, 90m).Progressed("oco", OrderStatus.New)
            .Established("oco", Trading.Positions.ProtectionKind.Oco, 90m).Leg("oco")!;

        var verdict = LegSettlement.Classify(armed, new OrderListOutcome.Accepted(List(status)), isQuery: true);

        Assert.Equal(new LegVerdict.Progressed(OrderStatus.Canceled, 0m, 0m), verdict);
        Assert.IsType<LegVerdict.ListAccepted>(LegSettlement.Classify(armed, new OrderListOutcome.Accepted(List(OrderListStatus.Executing)), isQuery: true));
    }

    [Fact]
    public void A_refused_placement_is_a_rejection()
    {
        Assert.Equal(new LegVerdict.Rejected(-2010, "insufficient"), LegSettlement.Classify(Unseen, new OrderOutcome.Rejected(-2010, "insufficient"), isQuery: false));
        Assert.Equal(new LegVerdict.Rejected(-2021, "would trigger"), LegSettlement.Classify(Unseen, new AlgoOrderOutcome.Rejected(-2021, "would trigger"), isQuery: false));
        Assert.Equal(new LegVerdict.Rejected(-1013, "no oco"), LegSettlement.Classify(Unseen, new OrderListOutcome.Rejected(-1013, "no oco"), isQuery: false));
    }

    [Fact]
    public void A_refused_query_or_a_refusal_of_an_order_whose_outcome_is_unknown_is_asked_again_not_taken_for_a_rejection()
    {
        var notFound = new OrderOutcome.Rejected(ExchangeErrorCodes.OrderDoesNotExist, "does not exist");
        var throttled = new OrderOutcome.Rejected(-1003, "too many requests");

        Assert.Equal(new LegVerdict.QueryAgain("not found or not answered", NotFound: true), LegSettlement.Classify(Seen, notFound, isQuery: true));
        Assert.Equal(new LegVerdict.QueryAgain("not found or not answered", NotFound: false), LegSettlement.Classify(Seen, throttled, isQuery: true));
        Assert.IsType<LegVerdict.QueryAgain>(LegSettlement.Classify(Unknown_, throttled, isQuery: false));
    }

    [Fact]
    public void An_unanswered_order_is_unknown_unless_another_source_already_saw_it()
    {
        Assert.Equal(new LegVerdict.Unknown("timeout"), LegSettlement.Classify(Unseen, new OrderOutcome.Unknown("timeout"), isQuery: false));
        Assert.Equal(new LegVerdict.Unknown("502"), LegSettlement.Classify(Unseen, new AlgoOrderOutcome.Unknown("502"), isQuery: false));
        Assert.Equal(new LegVerdict.Unknown("503"), LegSettlement.Classify(Unseen, new OrderListOutcome.Unknown("503"), isQuery: false));
        Assert.IsType<LegVerdict.NothingNew>(LegSettlement.Classify(Seen, new OrderOutcome.Unknown("timeout"), isQuery: true));
    }

    [Fact]
    public void Only_news_is_journaled_and_a_final_status_is_never_replaced_by_a_working_one()
    {
        var partial = Sent.Progressed("m1", OrderStatus.PartiallyFilled, 0.5m).Leg("m1")!;
        var filled = Sent.Progressed("m1", OrderStatus.Filled, 1m).Leg("m1")!;

        Assert.True(LegSettlement.IsNews(partial, OrderStatus.PartiallyFilled, 0.7m));
        Assert.True(LegSettlement.IsNews(partial, OrderStatus.Canceled, 0.5m));
        Assert.False(LegSettlement.IsNews(partial, OrderStatus.PartiallyFilled, 0.5m));
        Assert.False(LegSettlement.IsNews(partial, OrderStatus.PartiallyFilled, 0.3m));
        Assert.False(LegSettlement.IsNews(filled, OrderStatus.New, 1m));
        Assert.True(LegSettlement.IsNews(Sent.Progressed("m1", OrderStatus.New).Unknown("m1").Leg("m1")!, OrderStatus.New, 0m));
    }

    [Fact]
    public void Queries_are_retried_with_a_doubling_backoff()
    {
        Assert.Equal(new QueryVerdict.AskAgain(Backoff), LegSettlement.AfterQuery(Unknown_, 1, 3, Backoff, notFound: false, notOpen: false));
        Assert.Equal(new QueryVerdict.AskAgain(Backoff * 4), LegSettlement.AfterQuery(Unknown_, 3, 3, Backoff, notFound: false, notOpen: false));
    }

    [Fact]
    public void An_outcome_still_unknown_after_every_query_leaves_the_intent_unresolved()
    {
        Assert.IsType<QueryVerdict.Unresolved>(LegSettlement.AfterQuery(Unknown_, 4, 3, Backoff, notFound: true, notOpen: false));
    }

    [Fact]
    public void An_order_nobody_ever_saw_and_no_query_finds_was_never_placed()
    {
        Assert.IsType<QueryVerdict.NeverPlaced>(LegSettlement.AfterQuery(Unseen, 4, 3, Backoff, notFound: true, notOpen: false));
    }

    [Fact]
    public void A_seen_order_neither_open_nor_found_ended_as_cancelled_and_otherwise_the_stream_will_tell()
    {
        Assert.IsType<QueryVerdict.EndedAsCancelled>(LegSettlement.AfterQuery(Seen, 4, 3, Backoff, notFound: true, notOpen: true));
        Assert.IsType<QueryVerdict.WaitForStream>(LegSettlement.AfterQuery(Seen, 4, 3, Backoff, notFound: true, notOpen: false));
        Assert.IsType<QueryVerdict.WaitForStream>(LegSettlement.AfterQuery(Seen, 4, 3, Backoff, notFound: false, notOpen: true));
    }

    [Fact]
    public void An_accepted_cancel_settles_its_target_with_the_final_state_it_carries()
    {
        var stop = Submitted(Trade(new ExecutionPolicy.Market())).Sent("sl", LegKind.ConditionalStop, 2m, 90m).Leg("sl")!;

        Assert.Equal(
            new CancelVerdict.Settled(new LegVerdict.Progressed(OrderStatus.Canceled, 0.2m, 100m, 42)),
            LegSettlement.AfterCancel(Seen, new OrderOutcome.Accepted(Order(OrderStatus.Canceled, 0.2m))));
        Assert.Equal(
            new CancelVerdict.Settled(new LegVerdict.Progressed(OrderStatus.Canceled, 0m, 0m, 77)),
            LegSettlement.AfterCancel(stop, new AlgoOrderOutcome.Accepted(Algo(AlgoOrderStatus.Canceled))));
        Assert.Equal(
            new CancelVerdict.Settled(new LegVerdict.Progressed(OrderStatus.Canceled, 0m, 0m)),
            LegSettlement.AfterCancel(Seen, new OrderListOutcome.Accepted(new OrderListSnapshot
            {
                Symbol = Btc, OrderListId = 1, ListClientOrderId = ClientOrderId.Create("ta-i1-oco"), Status = OrderListStatus.AllDone, Legs = [],
            })));
    }

    [Fact]
    public void A_cancel_answered_unknown_order_means_the_target_is_no_longer_open_and_anything_else_asks_and_cancels_again()
    {
        Assert.IsType<CancelVerdict.NotOpen>(LegSettlement.AfterCancel(Seen, new OrderOutcome.Rejected(ExchangeErrorCodes.UnknownOrderSent, "unknown order")));
        Assert.IsType<CancelVerdict.NotOpen>(LegSettlement.AfterCancel(Seen, new AlgoOrderOutcome.Rejected(ExchangeErrorCodes.UnknownOrderSent, "unknown order")));
        Assert.IsType<CancelVerdict.NotOpen>(LegSettlement.AfterCancel(Seen, new OrderListOutcome.Rejected(ExchangeErrorCodes.UnknownOrderSent, "unknown order list")));
        Assert.IsType<CancelVerdict.AskAndCancelAgain>(LegSettlement.AfterCancel(Seen, new OrderOutcome.Rejected(-1003, "too many requests")));
        Assert.IsType<CancelVerdict.AskAndCancelAgain>(LegSettlement.AfterCancel(Seen, new OrderOutcome.Unknown("timeout")));
    }

    [Fact]
    public void A_cancel_of_a_leg_that_ended_meanwhile_is_done_at_once_whatever_it_was_answered()
    {
        var filled = Sent.Progressed("m1", OrderStatus.Filled, 1m).Leg("m1")!;

        Assert.IsType<CancelVerdict.AlreadyEnded>(LegSettlement.AfterCancel(filled, new OrderOutcome.Rejected(ExchangeErrorCodes.UnknownOrderSent, "unknown order")));
        Assert.IsType<CancelVerdict.AlreadyEnded>(LegSettlement.AfterCancel(filled, new OrderOutcome.Unknown("timeout")));
        Assert.IsType<CancelVerdict.Settled>(LegSettlement.AfterCancel(filled, new OrderOutcome.Accepted(Order(OrderStatus.Filled, 1m))));
    }

    [Fact]
    public void The_answer_to_a_cancel_intent_is_its_whole_result()
    {
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "cancelled"), LegSettlement.AfterCancelIntent(new OrderOutcome.Accepted(Order(OrderStatus.Canceled, 0m))));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Completed, "cancelled"), LegSettlement.AfterCancelIntent(new AlgoOrderOutcome.Accepted(Algo(AlgoOrderStatus.Canceled))));
        Assert.Equal(
            new IntentStep.Finish(IntentStatus.Completed, "nothing to cancel"),
            LegSettlement.AfterCancelIntent(new AlgoOrderOutcome.Rejected(ExchangeErrorCodes.UnknownOrderSent, "unknown order")));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "cancel rejected -1003: busy"), LegSettlement.AfterCancelIntent(new OrderOutcome.Rejected(-1003, "busy")));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Failed, "cancel rejected -1003: busy"), LegSettlement.AfterCancelIntent(new AlgoOrderOutcome.Rejected(-1003, "busy")));
        Assert.Equal(new IntentStep.Finish(IntentStatus.Unresolved, "cancel outcome unknown"), LegSettlement.AfterCancelIntent(new OrderOutcome.Unknown("timeout")));
    }

    [Fact]
    public void A_query_shows_an_order_still_open_while_it_works()
    {
        Assert.True(LegSettlement.IsStillOpen(new OrderOutcome.Accepted(Order(OrderStatus.PartiallyFilled, 0.1m))));
        Assert.False(LegSettlement.IsStillOpen(new OrderOutcome.Accepted(Order(OrderStatus.Filled, 1m))));
        Assert.True(LegSettlement.IsStillOpen(new AlgoOrderOutcome.Accepted(Algo(AlgoOrderStatus.New))));
        Assert.True(LegSettlement.IsStillOpen(new OrderListOutcome.Accepted(List(OrderListStatus.Executing))));
        Assert.False(LegSettlement.IsStillOpen(new OrderListOutcome.Accepted(List(OrderListStatus.AllDone))));
        Assert.False(LegSettlement.IsStillOpen(new OrderOutcome.Rejected(-2013, "does not exist")));
        Assert.True(LegSettlement.IsAccepted(new OrderOutcome.Accepted(Order(OrderStatus.Canceled, 0m))));
        Assert.False(LegSettlement.IsAccepted(new OrderOutcome.Unknown("timeout")));
    }

    private static OrderSnapshot Order(OrderStatus status, decimal executed) => new()
    {
        Market = Market.Futures, Symbol = Btc, OrderId = 42, ClientOrderId = ClientOrderId.Create("ta-i1-m1"), Side = OrderSide.Buy, Type = OrderType.Market,
        Status = status, ExecutedQuantity = executed, AveragePrice = executed > 0m ? 100m : 0m,
    };

    private static AlgoOrderSnapshot Algo(AlgoOrderStatus status) => new()
    {
        Symbol = Btc, AlgoId = 7, ClientAlgoId = ClientOrderId.Create("ta-i1-sl"), Side = OrderSide.Sell, Type = ConditionalOrderType.StopMarket,
        Status = status, TriggerPrice = 90m, TriggeredOrderId = 77,
    };

    private static OrderListSnapshot List(OrderListStatus status) => new()
    {
        Symbol = Btc, OrderListId = 1, ListClientOrderId = ClientOrderId.Create("ta-i1-oco"), Status = status, Legs = [],
    };
}
