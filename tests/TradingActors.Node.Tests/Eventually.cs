namespace TradingActors.Node.Tests;

/// <summary>Awaits a condition by polling it, failing with a description after a timeout (no fixed sleeps).</summary>
public static class Eventually
{
    public static async Task ThatAsync(Func<Task<bool>> condition, string describe, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        Exception? last = null;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e;
            }

            await poll.WaitForNextTickAsync();
        }

        throw new TimeoutException(describe, last);
    }
}
