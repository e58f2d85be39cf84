using Microsoft.Extensions.Time.Testing;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Positions.Aging;

namespace TradingActors.Trading.Tests.Positions.Aging;

// Long at 100 with default settings: breakeven 100.08, progressive from 11 h at 0.006 per whole hour, emergency at 28 h.
public sealed class AgedExitHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const decimal Entry = 100m;
    private static readonly AgedExitSettings Defaults = new();
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);
    private readonly DateTimeOffset _openedAt = Start;

    [Fact]
    public void Only_phase_and_target_changes_are_journaled()
    {
        var clock = new FakeTimeProvider(Start);
        var journal = new List<AgedExitPhaseChanged>();

        RunUntil(clock, journal, TimeSpan.FromHours(30));

        // Grace at 3 h, progressive at 11 h (same target, new phase), one new target per hour from 12 h to 27 h,
        // emergency at 28 h: 1 + 1 + 16 + 1 = 19 changes in 1800 evaluations.
        Assert.Equal(19, journal.Count);
        Assert.Equal(new AgedExitPhaseChanged(AgedExitPhase.Grace, 100.08m, 0m, _openedAt.AddHours(3)), journal[0]);
        Assert.Equal(new AgedExitPhaseChanged(AgedExitPhase.Progressive, 100.08m, 0m, _openedAt.AddHours(11)), journal[1]);
        // 12 h: L = 0.006, 100.08 × 0.994 = 100.08 − 0.60048 = 99.47952.
        Assert.Equal(new AgedExitPhaseChanged(AgedExitPhase.Progressive, 99.47952m, 0.006m, _openedAt.AddHours(12)), journal[2]);
        Assert.Equal(new AgedExitPhaseChanged(AgedExitPhase.Emergency, null, 0.10m, _openedAt.AddHours(28)), journal[^1]);
    }

    [Fact]
    public void A_young_position_journals_nothing()
    {
        var plan = AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, _openedAt.AddHours(2), Defaults);

        Assert.Null(AgedExitHistory.ChangeSince(null, plan));
    }

    [Fact]
    public void A_restart_in_the_middle_of_the_progressive_phase_resumes_where_continuous_evaluation_would_be()
    {
        var continuousClock = new FakeTimeProvider(Start);
        var continuous = new List<AgedExitPhaseChanged>();
        RunUntil(continuousClock, continuous, TimeSpan.FromHours(30));

        // The first life runs to 14 h 30 and stops; the node is down until 16 h 45.
        var clock = new FakeTimeProvider(Start);
        var firstLife = new List<AgedExitPhaseChanged>();
        RunUntil(clock, firstLife, TimeSpan.FromHours(14.5));
        clock.Advance(TimeSpan.FromHours(16.75) - (clock.GetUtcNow() - _openedAt));

        // The second life knows only the journal and the opening time.
        var recovered = AgedExitHistory.Recover(firstLife);
        var plan = AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, clock.GetUtcNow(), Defaults);
        var catchUp = AgedExitHistory.ChangeSince(recovered, plan);

        // At 16 h 45: 5 whole progressive hours, L = 0.030, 100.08 × 0.97 = 100.08 − 3.0024 = 97.0776, in force since
        // 16 h, next change at 17 h: exactly the change continuous evaluation journaled for 16 h.
        var expected = new AgedExitPhaseChanged(AgedExitPhase.Progressive, 97.0776m, 0.030m, _openedAt.AddHours(16));
        Assert.Equal(expected, catchUp);
        Assert.Contains(expected, continuous);
        Assert.Equal(_openedAt.AddHours(17), plan.NextChangeAt);

        // From then on both lives journal the same changes; only the 15 h target, passed while down, is missing.
        var secondLife = new List<AgedExitPhaseChanged>(firstLife) { catchUp! };
        RunUntil(clock, secondLife, TimeSpan.FromHours(30));
        Assert.Equal(continuous.Where(change => change.At != _openedAt.AddHours(15)), secondLife);
    }

    [Fact]
    public void A_restart_in_the_middle_of_grace_changes_nothing_and_keeps_the_breakeven_target()
    {
        var clock = new FakeTimeProvider(Start);
        var firstLife = new List<AgedExitPhaseChanged>();
        RunUntil(clock, firstLife, TimeSpan.FromHours(5));
        clock.Advance(TimeSpan.FromHours(4));

        var recovered = AgedExitHistory.Recover(firstLife);
        var plan = AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, clock.GetUtcNow(), Defaults);

        Assert.Equal(new AgedExitPhaseChanged(AgedExitPhase.Grace, 100.08m, 0m, _openedAt.AddHours(3)), recovered);
        Assert.Null(AgedExitHistory.ChangeSince(recovered, plan));
        Assert.Equal((AgedExitPhase.Grace, 100.08m, _openedAt.AddHours(11)), (plan.Phase, plan.TargetPrice!.Value, plan.NextChangeAt!.Value));
    }

    // Evaluates once per minute, as the actor's check timer would, journaling what changed.
    private void RunUntil(FakeTimeProvider clock, List<AgedExitPhaseChanged> journal, TimeSpan age)
    {
        var last = AgedExitHistory.Recover(journal);
        while (clock.GetUtcNow() - _openedAt < age)
        {
            clock.Advance(Tick);
            var plan = AgedExitPolicy.Plan(Entry, PositionDirection.Long, _openedAt, clock.GetUtcNow(), Defaults);
            if (AgedExitHistory.ChangeSince(last, plan) is { } change)
            {
                journal.Add(change);
                last = change;
            }
        }
    }
}
