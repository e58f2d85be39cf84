using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Tests.Orders;

public sealed class IntentTransitionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<IntentStatus, string, IntentStatus> Listed()
    {
        var data = new TheoryData<IntentStatus, string, IntentStatus>();
        foreach (var (from, evt, to) in IntentTransitions.All)
        {
            data.Add(from, evt.Name, to);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Listed))]
    public void Every_listed_transition_is_allowed_and_leads_where_applying_the_event_leads(IntentStatus from, string eventName, IntentStatus to)
    {
        var evt = Sample(eventName, to);
        var data = InStatus(from);

        var allowed = IntentTransitions.TryNext(from, evt, out var next);

        Assert.True(allowed);
        Assert.Equal(to, next);
        Assert.Equal(to, data.Apply(evt).Status);
    }

    [Fact]
    public void A_new_intent_accepts_nothing_before_its_submission()
    {
        Assert.False(IntentTransitions.TryNext(IntentStatus.New, Sample(nameof(OrderSending), IntentStatus.New), out _));
        Assert.False(IntentTransitions.TryNext(IntentStatus.New, Sample(nameof(IntentFinished), IntentStatus.Completed), out _));
    }

    [Fact]
    public void A_second_submission_is_not_a_valid_transition()
    {
        Assert.False(IntentTransitions.TryNext(IntentStatus.Working, Sample(nameof(IntentSubmitted), IntentStatus.Working), out _));
    }

    [Theory]
    [InlineData(IntentStatus.Completed)]
    [InlineData(IntentStatus.Failed)]
    public void A_finished_intent_sends_arms_and_finishes_nothing_more(IntentStatus finished)
    {
        foreach (var name in new[] { nameof(OrderSending), nameof(OrderRejected), nameof(OrderOutcomeUnknown), nameof(ProtectionEstablished), nameof(IntentSubmitted) })
        {
            Assert.False(IntentTransitions.TryNext(finished, Sample(name, finished), out _), name);
        }

        foreach (var status in new[] { IntentStatus.Completed, IntentStatus.Failed, IntentStatus.Unresolved })
        {
            Assert.False(IntentTransitions.TryNext(finished, Sample(nameof(IntentFinished), status), out _), status.ToString());
        }
    }

    [Theory]
    [InlineData(IntentStatus.Completed)]
    [InlineData(IntentStatus.Failed)]
    public void A_finished_intent_still_records_late_trades_and_leg_statuses(IntentStatus finished)
    {
        Assert.True(IntentTransitions.TryNext(finished, Sample(nameof(FillRecorded), finished), out var afterFill));
        Assert.True(IntentTransitions.TryNext(finished, Sample(nameof(OrderProgressed), finished), out var afterProgress));
        Assert.Equal((finished, finished), (afterFill, afterProgress));
    }

    [Fact]
    public void An_unresolved_intent_is_not_declared_unresolved_twice_but_may_be_settled_later()
    {
        Assert.False(IntentTransitions.TryNext(IntentStatus.Unresolved, Sample(nameof(IntentFinished), IntentStatus.Unresolved), out _));
        Assert.True(IntentTransitions.TryNext(IntentStatus.Unresolved, Sample(nameof(IntentFinished), IntentStatus.Completed), out _));
    }

    [Fact]
    public void Finishing_as_working_or_new_is_never_listed()
    {
        Assert.False(IntentTransitions.TryNext(IntentStatus.Working, Sample(nameof(IntentFinished), IntentStatus.Working), out _));
        Assert.False(IntentTransitions.TryNext(IntentStatus.Armed, Sample(nameof(IntentFinished), IntentStatus.New), out _));
    }

    [Fact]
    public void Every_event_type_of_the_journal_appears_in_the_table()
    {
        var journaled = typeof(IntentEvents).GetNestedTypes().Where(t => t.IsClass && typeof(IIntentEvent).IsAssignableFrom(t));

        Assert.All(journaled, t => Assert.Contains(IntentTransitions.All, row => row.Event == t));
    }

    private static IntentData InStatus(IntentStatus status)
    {
        var submitted = IntentData.Empty.Apply(new IntentSubmitted(new IntentId("i-1"), Spec(), null, T0))
            .Apply(new OrderSending("m1", ClientOrderId.Create("ta-i-1-m1"), LegKind.Market, OrderSide.Buy, 1m, null, T0));
        return status switch
        {
            IntentStatus.New => IntentData.Empty,
            IntentStatus.Working => submitted,
            IntentStatus.Armed => submitted.Apply(new ProtectionEstablished("m1", ProtectionKind.Stop, 90m, T0)),
            _ => submitted.Apply(new IntentFinished(status, "done", T0)),
        };
    }

    private static IIntentEvent Sample(string name, IntentStatus finishedAs) => name switch
    {
        nameof(IntentSubmitted) => new IntentSubmitted(new IntentId("i-1"), Spec(), null, T0),
        nameof(OrderSending) => new OrderSending("m2", ClientOrderId.Create("ta-i-1-m2"), LegKind.Market, OrderSide.Buy, 1m, null, T0),
        nameof(OrderProgressed) => new OrderProgressed("m1", OrderStatus.Filled, 1m, 100m, 0m, T0),
        nameof(FillRecorded) => new FillRecorded("m1", 7, 1, 1m, 100m, 0.1m, "USDT", 0.1m, 0m, T0),
        nameof(OrderRejected) => new OrderRejected("m1", -2010, "insufficient balance", T0),
        nameof(OrderOutcomeUnknown) => new OrderOutcomeUnknown("m1", "timeout", T0),
        nameof(ProtectionEstablished) => new ProtectionEstablished("m1", ProtectionKind.Stop, 90m, T0),
        nameof(IntentFinished) => new IntentFinished(finishedAs, "done", T0),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static OrderIntentSpec Spec() => new OrderIntentSpec.Trade
    {
        Market = Market.Futures, Symbol = new Symbol("BTCUSDT"), Side = OrderSide.Buy, Quantity = 1m, Policy = new ExecutionPolicy.Market(),
    };
}
