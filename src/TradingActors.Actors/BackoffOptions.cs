namespace TradingActors.Actors;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> runs its child. The n-th restart waits
/// <c>min(maxBackoff, minBackoff * 2^n) * (1 + random * randomFactor)</c>; the count resets after the child has
/// been up for <see cref="ResetBackoff"/> (auto reset, default minBackoff) or on <see cref="BackoffSupervisor.Reset"/>
/// (manual reset). With <see cref="MaxRetries"/> reached, the supervisor stops.
/// </summary>
public sealed record BackoffOptions
{
    private BackoffOptions(bool onFailure, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxRetries)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrWhiteSpace(childName);
        if (minBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minBackoff), minBackoff, "minBackoff must be positive.");
        }

        if (maxBackoff < minBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "maxBackoff must be at least minBackoff.");
        }

        if (randomFactor is < 0 or > 1 || double.IsNaN(randomFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "randomFactor must be between 0 and 1.");
        }

        if (maxRetries < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "maxRetries must be -1 (unlimited) or more.");
        }

        OnFailureOnly = onFailure;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        MaxRetries = maxRetries;
        ResetBackoff = minBackoff;
    }

    /// <summary>True: restart only after failures (a normal stop stops the supervisor); false: after every stop.</summary>
    public bool OnFailureOnly { get; }

    public Props ChildProps { get; }

    public string ChildName { get; }

    public TimeSpan MinBackoff { get; }

    public TimeSpan MaxBackoff { get; }

    public double RandomFactor { get; }

    /// <summary>-1 means unlimited.</summary>
    public int MaxRetries { get; }

    /// <summary>Healthy period after which the restart count resets; null with manual reset.</summary>
    public TimeSpan? ResetBackoff { get; private init; }

    /// <summary>Strategy for the child's failures (OnFailure: a Restart decision becomes a backoff restart).</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Restart the child (with backoff) when it fails; when it stops normally, stop too.</summary>
    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxRetries = -1) =>
        new(true, childProps, childName, minBackoff, maxBackoff, randomFactor, maxRetries);

    /// <summary>Restart the child (with backoff) whenever it stops, for whatever reason.</summary>
    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor, int maxRetries = -1) =>
        new(false, childProps, childName, minBackoff, maxBackoff, randomFactor, maxRetries);

    public BackoffOptions WithAutoReset(TimeSpan resetBackoff)
    {
        if (resetBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resetBackoff), resetBackoff, "resetBackoff must be positive.");
        }

        return this with { ResetBackoff = resetBackoff };
    }

    public BackoffOptions WithManualReset() => this with { ResetBackoff = null };

    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }

    /// <summary>The delay before restart number <paramref name="restartCount"/> + 1, given a random draw in [0, 1).</summary>
    public TimeSpan DelayFor(int restartCount, double random)
    {
        var factor = 1 + (random * RandomFactor);
        if (restartCount >= 30)
        {
            return MaxBackoff * factor;
        }

        var ticks = Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount));
        return TimeSpan.FromTicks((long)(ticks * factor));
    }
}
