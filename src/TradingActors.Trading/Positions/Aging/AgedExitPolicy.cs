using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Positions.Aging;

/// <summary>
/// Pure decision logic of aged-position exits. Everything depends only on (opening time, now, price, settings),
/// never on remembered state, which is what makes recovery after a restart exact.
/// </summary>
/// <remarks>
/// With c the commission rate and L the accepted loss:
/// breakeven = entry × (1 + 2c) for a long, entry × (1 − 2c) for a short;
/// progressive target = breakeven × (1 − L) for a long, breakeven × (1 + L) for a short.
/// L is measured from breakeven rather than from the entry so that L = 0 is exactly the grace target (no jump at
/// the phase change) and L is the share of the position's value given up at the exit price.
/// L = step × (plain hours + accelerated hours × acceleration), counting only whole hours since the progressive
/// phase began; once L reaches the maximum loss the phase is emergency. Prices are not rounded to the tick size:
/// the order that executes the close does that.
/// </remarks>
public static class AgedExitPolicy
{
    public const string YoungReason = "younger than max age";
    public const string TrailingStopReason = "skipped: trailing stop active";
    public const string ProfitableReason = "profitable after max age";
    public const string TargetReachedReason = "aged-exit target reached";
    public const string WaitingReason = "waiting for the aged-exit target";
    public const string NoPriceReason = "no live price yet";
    public const string EmergencyReason = "emergency";

    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The exit price that returns the entry plus the commission of both sides.</summary>
    public static decimal Breakeven(decimal entryPrice, PositionDirection direction, decimal commissionRate) =>
        direction == PositionDirection.Long
            ? entryPrice * (1m + (2m * commissionRate))
            : entryPrice * (1m - (2m * commissionRate));

    /// <summary>The schedule at <paramref name="now"/>: phase, target and when it next changes. Ignores the price.</summary>
    public static AgedExitPlan Plan(
        decimal entryPrice, PositionDirection direction, DateTimeOffset openedAt, DateTimeOffset now, AgedExitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entryPrice);

        var age = now - openedAt;
        if (age < settings.MaxAge)
        {
            return new AgedExitPlan(AgedExitPhase.Young, null, 0m, openedAt, openedAt + settings.MaxAge);
        }

        var breakeven = Breakeven(entryPrice, direction, settings.CommissionRate);
        var progressiveStart = settings.MaxAge + settings.GracePeriod;
        if (age < progressiveStart)
        {
            return new AgedExitPlan(
                AgedExitPhase.Grace, breakeven, 0m, openedAt + settings.MaxAge, openedAt + progressiveStart);
        }

        var wholeHours = (age - progressiveStart).Ticks / Hour.Ticks;
        var loss = AcceptedLoss(wholeHours, progressiveStart, settings);
        var since = openedAt + progressiveStart + (wholeHours * Hour);
        if (loss >= settings.MaxLoss)
        {
            return new AgedExitPlan(AgedExitPhase.Emergency, null, settings.MaxLoss, EmergencyStart(openedAt, progressiveStart, settings), null);
        }

        var target = direction == PositionDirection.Long ? breakeven * (1m - loss) : breakeven * (1m + loss);
        return new AgedExitPlan(AgedExitPhase.Progressive, target, loss, since, since + Hour);
    }

    /// <summary>Decides whether an aged position closes now, given the live price (null when none is known yet).</summary>
    public static AgedExitDecision Evaluate(
        decimal entryPrice,
        PositionDirection direction,
        DateTimeOffset openedAt,
        DateTimeOffset now,
        decimal? currentPrice,
        bool trailingStopActive,
        AgedExitSettings settings)
    {
        if (currentPrice is { } given)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(given, nameof(currentPrice));
        }

        var plan = Plan(entryPrice, direction, openedAt, now, settings);
        AgedExitDecision Decide(AgedExitAction action, string reason) =>
            new(plan.Phase, plan.TargetPrice, plan.AcceptedLoss, action, reason);

        if (plan.Phase == AgedExitPhase.Young)
        {
            return Decide(AgedExitAction.None, YoungReason);
        }

        // A trailing stop already manages the exit of a winner; a second exit mechanism would race it.
        if (trailingStopActive)
        {
            return Decide(AgedExitAction.None, TrailingStopReason);
        }

        if (plan.Phase == AgedExitPhase.Emergency)
        {
            return Decide(AgedExitAction.CloseNow, EmergencyReason);
        }

        if (currentPrice is not { } price)
        {
            return Decide(AgedExitAction.None, NoPriceReason);
        }

        var breakeven = Breakeven(entryPrice, direction, settings.CommissionRate);
        if (Beyond(price, breakeven, direction, inclusive: false))
        {
            return Decide(AgedExitAction.CloseNow, ProfitableReason);
        }

        return Beyond(price, plan.TargetPrice!.Value, direction, inclusive: true)
            ? Decide(AgedExitAction.CloseNow, TargetReachedReason)
            : Decide(AgedExitAction.None, WaitingReason);
    }

    private static bool Beyond(decimal price, decimal level, PositionDirection direction, bool inclusive) =>
        direction == PositionDirection.Long
            ? price > level || (inclusive && price == level)
            : price < level || (inclusive && price == level);

    private static decimal AcceptedLoss(long wholeHours, TimeSpan progressiveStart, AgedExitSettings settings)
    {
        // Hour i (1-based) of the progressive phase starts at age progressiveStart + (i - 1) h; it is accelerated
        // when that start is at or past AccelerateAfter, so the plain hours are those starting before it.
        var plainHours = settings.AccelerateAfter <= progressiveStart
            ? 0L
            : Math.Min(wholeHours, CeilingHours(settings.AccelerateAfter - progressiveStart));
        var acceleratedHours = wholeHours - plainHours;
        return settings.LossStepPerHour * (plainHours + (acceleratedHours * settings.Acceleration));
    }

    private static long CeilingHours(TimeSpan span) => (span.Ticks + Hour.Ticks - 1) / Hour.Ticks;

    // The first whole hour at which the accepted loss reaches the maximum. Solved in closed form, then nudged by
    // at most a step either way because decimal division can land a hair off an exact integer.
    private static DateTimeOffset EmergencyStart(DateTimeOffset openedAt, TimeSpan progressiveStart, AgedExitSettings settings)
    {
        var step = settings.LossStepPerHour;
        var plainAvailable = settings.AccelerateAfter <= progressiveStart
            ? 0L
            : CeilingHours(settings.AccelerateAfter - progressiveStart);
        var hours = step * plainAvailable >= settings.MaxLoss
            ? (long)Math.Ceiling(settings.MaxLoss / step)
            : plainAvailable + (long)Math.Ceiling((settings.MaxLoss - (step * plainAvailable)) / (step * settings.Acceleration));
        while (hours > 1 && AcceptedLoss(hours - 1, progressiveStart, settings) >= settings.MaxLoss)
        {
            hours--;
        }

        while (AcceptedLoss(hours, progressiveStart, settings) < settings.MaxLoss)
        {
            hours++;
        }

        return openedAt + progressiveStart + (hours * Hour);
    }
}
