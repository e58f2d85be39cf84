using Microsoft.Extensions.Time.Testing;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions.Aging;

namespace TradingActors.Trading.Tests.Positions.Aging;

// Entry 100 and commission 0.0004 throughout: breakeven long = 100 × 1.0008 = 100.08, short = 100 × 0.9992 = 99.92.
// Defaults: max age 3 h, grace 8 h, so the progressive phase starts at age 11 h; accelerate-after (10 h of age)
// is before that, so every progressive hour costs 0.005 × 1.2 = 0.006.
public sealed class AgedExitPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const decimal Entry = 100m;
    private static readonly AgedExitSettings Defaults = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DateTimeOffset _openedAt = Start;

    public static TheoryData<PositionDirection, double, AgedExitPhase, decimal?, decimal> Targets => new()
    {
        // Young: no target.
        { PositionDirection.Long, 2.99, AgedExitPhase.Young, null, 0m },
        // Grace from 3 h to just before 11 h: breakeven.
        { PositionDirection.Long, 3, AgedExitPhase.Grace, 100.08m, 0m },
        { PositionDirection.Long, 10.99, AgedExitPhase.Grace, 100.08m, 0m },
        { PositionDirection.Short, 3, AgedExitPhase.Grace, 99.92m, 0m },
        { PositionDirection.Short, 10.99, AgedExitPhase.Grace, 99.92m, 0m },
        // Progressive at 11 h: no whole hour yet, so the target is still breakeven.
        { PositionDirection.Long, 11, AgedExitPhase.Progressive, 100.08m, 0m },
        { PositionDirection.Short, 11, AgedExitPhase.Progressive, 99.92m, 0m },
        // 13.5 h: 2 whole hours, L = 0.012. Long 100.08 × 0.988 = 100.08 − 1.20096 = 98.87904;
        // short 99.92 × 1.012 = 99.92 + 1.19904 = 101.11904.
        { PositionDirection.Long, 13.5, AgedExitPhase.Progressive, 98.87904m, 0.012m },
        { PositionDirection.Short, 13.5, AgedExitPhase.Progressive, 101.11904m, 0.012m },
        // 27.99 h: 16 whole hours, L = 0.096. Long 100.08 × 0.904 = 100.08 − 9.60768 = 90.47232;
        // short 99.92 × 1.096 = 99.92 + 9.59232 = 109.51232.
        { PositionDirection.Long, 27.99, AgedExitPhase.Progressive, 90.47232m, 0.096m },
        { PositionDirection.Short, 27.99, AgedExitPhase.Progressive, 109.51232m, 0.096m },
        // 28 h: 17 whole hours, L = 0.102 ≥ 0.10: emergency, loss reported at the cap.
        { PositionDirection.Long, 28, AgedExitPhase.Emergency, null, 0.10m },
        { PositionDirection.Short, 40, AgedExitPhase.Emergency, null, 0.10m },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Each_phase_has_its_target_at_a_given_age(
        PositionDirection direction, double ageHours, AgedExitPhase phase, decimal? target, decimal loss)
    {
        _clock.Advance(TimeSpan.FromHours(ageHours));

        var plan = AgedExitPolicy.Plan(Entry, direction, _openedAt, _clock.GetUtcNow(), Defaults);

        Assert.Equal((phase, target, loss), (plan.Phase, plan.TargetPrice, plan.AcceptedLoss));
    }

    [Fact]
    public void A_young_position_is_left_alone_even_in_profit()
    {
        _clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));

        var decision = Evaluate(PositionDirection.Long, price: 150m);

        Assert.Equal((AgedExitPhase.Young, AgedExitAction.None, AgedExitPolicy.YoungReason), (decision.Phase, decision.Action, decision.Reason));
    }

    [Theory]
    [InlineData(PositionDirection.Long, "100.09")]
    [InlineData(PositionDirection.Short, "99.91")]
    public void A_position_profitable_beyond_breakeven_at_max_age_closes_at_once(PositionDirection direction, string price)
    {
        _clock.Advance(TimeSpan.FromHours(3));

        var decision = Evaluate(direction, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((AgedExitAction.CloseNow, AgedExitPolicy.ProfitableReason), (decision.Action, decision.Reason));
    }

    [Fact]
    public void A_long_above_entry_but_below_breakeven_is_not_profitable_and_waits_in_grace()
    {
        _clock.Advance(TimeSpan.FromHours(5));

        // 100.07 beats the entry but not the two commissions (100.08).
        var decision = Evaluate(PositionDirection.Long, 100.07m);

        Assert.Equal((AgedExitPhase.Grace, 100.08m, AgedExitAction.None), (decision.Phase, decision.TargetPrice, decision.Action));
    }

    [Theory]
    [InlineData(PositionDirection.Long, "100.08")]
    [InlineData(PositionDirection.Short, "99.92")]
    public void Reaching_the_breakeven_target_in_grace_closes_the_position(PositionDirection direction, string price)
    {
        _clock.Advance(TimeSpan.FromHours(7));

        var decision = Evaluate(direction, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((AgedExitAction.CloseNow, AgedExitPolicy.TargetReachedReason), (decision.Action, decision.Reason));
    }

    [Fact]
    public void A_long_in_the_progressive_phase_closes_when_the_price_reaches_the_lowered_target()
    {
        _clock.Advance(TimeSpan.FromHours(13.5));

        var justAbove = Evaluate(PositionDirection.Long, 98.879m);
        var atTarget = Evaluate(PositionDirection.Long, 98.87904m);

        // Target 98.87904 (see the theory data): 98.879 is below it, so the long keeps waiting.
        Assert.Equal(AgedExitAction.None, justAbove.Action);
        Assert.Equal((AgedExitAction.CloseNow, AgedExitPolicy.TargetReachedReason), (atTarget.Action, atTarget.Reason));
    }

    [Fact]
    public void A_short_in_the_progressive_phase_closes_when_the_price_falls_to_the_raised_target()
    {
        _clock.Advance(TimeSpan.FromHours(13.5));

        var above = Evaluate(PositionDirection.Short, 101.12m);
        var below = Evaluate(PositionDirection.Short, 101.1m);

        // Target 101.11904: a short buys back at or under it.
        Assert.Equal(AgedExitAction.None, above.Action);
        Assert.Equal(AgedExitAction.CloseNow, below.Action);
    }

    [Fact]
    public void Hours_before_the_acceleration_age_cost_the_plain_step()
    {
        // Max age 1 h + grace 1 h: progressive from age 2 h. Hours starting at ages 2..9 h are plain (8 × 0.005 = 0.04),
        // those starting at 10 h and 11 h accelerated (2 × 0.006 = 0.012): L = 0.052 at age 12 h.
        // Long target 100.08 × 0.948 = 100.08 − 5.20416 = 94.87584.
        var settings = new AgedExitSettings { MaxAge = TimeSpan.FromHours(1), GracePeriod = TimeSpan.FromHours(1) };
        _clock.Advance(TimeSpan.FromHours(12));

        var plan = AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, _clock.GetUtcNow(), settings);

        Assert.Equal((AgedExitPhase.Progressive, 94.87584m, 0.052m), (plan.Phase, plan.TargetPrice, plan.AcceptedLoss));
    }

    [Fact]
    public void Emergency_closes_at_market_whatever_the_price()
    {
        _clock.Advance(TimeSpan.FromHours(28));

        var withPrice = Evaluate(PositionDirection.Long, 50m);
        var withoutPrice = AgedExitPolicy.Evaluate(Entry, PositionDirection.Long, _openedAt, _clock.GetUtcNow(), null, false, Defaults);

        var expected = new AgedExitDecision(AgedExitPhase.Emergency, null, 0.10m, AgedExitAction.CloseNow, AgedExitPolicy.EmergencyReason);
        Assert.Equal(expected, withPrice);
        Assert.Equal(expected, withoutPrice);
    }

    [Fact]
    public void Emergency_starts_at_the_first_hour_whose_loss_reaches_the_maximum_exactly()
    {
        // Progressive from 2 h: 8 plain hours give 0.04, then 10 accelerated hours give exactly 0.06 more,
        // so L = 0.10 at age 2 + 18 = 20 h and 0.094 one hour earlier.
        var settings = new AgedExitSettings { MaxAge = TimeSpan.FromHours(1), GracePeriod = TimeSpan.FromHours(1) };
        _clock.Advance(TimeSpan.FromHours(19.5));
        var before = AgedExitPolicy.Plan(Entry, PositionDirection.Short, _openedAt, _clock.GetUtcNow(), settings);
        _clock.Advance(TimeSpan.FromHours(5));

        var after = AgedExitPolicy.Plan(Entry, PositionDirection.Short, _openedAt, _clock.GetUtcNow(), settings);

        Assert.Equal((AgedExitPhase.Progressive, 0.094m, _openedAt.AddHours(20)), (before.Phase, before.AcceptedLoss, before.NextChangeAt!.Value));
        Assert.Equal((AgedExitPhase.Emergency, _openedAt.AddHours(20), (DateTimeOffset?)null), (after.Phase, after.EffectiveFrom, after.NextChangeAt));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(28)]
    public void A_position_with_an_active_trailing_stop_is_skipped(double ageHours)
    {
        _clock.Advance(TimeSpan.FromHours(ageHours));

        // Profitable at 5 h and in emergency at 28 h: either would close without the trailing stop.
        var decision = AgedExitPolicy.Evaluate(Entry, PositionDirection.Long, _openedAt, _clock.GetUtcNow(), 120m, true, Defaults);

        Assert.Equal((AgedExitAction.None, AgedExitPolicy.TrailingStopReason), (decision.Action, decision.Reason));
    }

    [Fact]
    public void Without_a_live_price_an_aged_position_waits()
    {
        _clock.Advance(TimeSpan.FromHours(4));

        var decision = AgedExitPolicy.Evaluate(Entry, PositionDirection.Long, _openedAt, _clock.GetUtcNow(), null, false, Defaults);

        Assert.Equal((AgedExitPhase.Grace, AgedExitAction.None, AgedExitPolicy.NoPriceReason), (decision.Phase, decision.Action, decision.Reason));
    }

    [Fact]
    public void The_plan_names_when_the_schedule_changes_next_for_the_actor_timer()
    {
        var young = PlanAt(1);
        var grace = PlanAt(4);
        var progressive = PlanAt(13.5);

        Assert.Equal(_openedAt.AddHours(3), young.NextChangeAt);
        Assert.Equal(_openedAt.AddHours(11), grace.NextChangeAt);
        Assert.Equal((_openedAt.AddHours(13), _openedAt.AddHours(14)), (progressive.EffectiveFrom, progressive.NextChangeAt!.Value));
    }

    private AgedExitPlan PlanAt(double ageHours) =>
        AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, _openedAt.AddHours(ageHours), Defaults);

    private AgedExitDecision Evaluate(PositionDirection direction, decimal price) =>
        AgedExitPolicy.Evaluate(Entry, direction, _openedAt, _clock.GetUtcNow(), price, false, Defaults);
}
