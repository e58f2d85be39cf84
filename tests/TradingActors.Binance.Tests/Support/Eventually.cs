namespace TradingActors.Binance.Tests.Support;

/// <summary>Awaits a condition with a deadline (a probe, not a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time" + (because is null ? "." : ": " + because));
            }

            await Task.Yield();
            await Task.Delay(5);
        }
    }

    /// <summary>Reads from a channel until an item matches, with a deadline.</summary>
    public static async Task<T> NextAsync<T>(System.Threading.Channels.ChannelReader<TradingActors.Exchange.ExchangeEvent> reader, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : TradingActors.Exchange.ExchangeEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await reader.ReadAsync(cts.Token);
            if (item is T typed && (match is null || match(typed)))
            {
                return typed;
            }
        }
    }
}
