namespace TradingActors.TestSupport;

/// <summary>
/// Awaits a condition by polling it with a deadline (a probe, never a fixed sleep). An exception from the condition
/// counts as "not yet" and becomes the inner exception of the timeout, so a condition that keeps failing says why.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ThatAsync(() => Task.FromResult(condition()), () => because ?? "condition not met in time", timeout);
    }

    public static Task ThatAsync(Func<Task<bool>> condition, string describe, TimeSpan? timeout = null) =>
        ThatAsync(condition, () => describe, timeout);

    public static async Task ThatAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        using var poll = new PeriodicTimer(PollInterval);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                last = e;
            }

            await poll.WaitForNextTickAsync();
        }

        throw new TimeoutException(describe(), last);
    }
}
