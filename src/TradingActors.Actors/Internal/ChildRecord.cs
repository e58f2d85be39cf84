namespace TradingActors.Actors.Internal;

/// <summary>A child as its parent sees it: the reference, whether it is stopping, and its restart budget.</summary>
internal sealed class ChildRecord(LocalActorRef reference)
{
    private int _retries;
    private DateTimeOffset? _windowStart;

    public LocalActorRef Ref { get; } = reference;

    /// <summary>Written and read on the parent's turn only.</summary>
    public bool Stopping { get; set; }

    /// <summary>Akka's rule: counts restarts, resetting the count when the window has passed.</summary>
    public bool RequestRestartPermission(SupervisorStrategy strategy, DateTimeOffset now)
    {
        var max = strategy.MaxNrOfRetries;
        if (!strategy.HasWindow)
        {
            if (max < 0)
            {
                return true;
            }

            _retries++;
            return _retries <= max;
        }

        if (max == 0)
        {
            return false;
        }

        // With a window but no count, Akka allows one restart per window.
        var limit = max < 0 ? 1 : max;
        _windowStart ??= now;
        if (now - _windowStart.Value <= strategy.WithinTimeRange)
        {
            _retries++;
            return _retries <= limit;
        }

        _windowStart = now;
        _retries = 1;
        return true;
    }
}
