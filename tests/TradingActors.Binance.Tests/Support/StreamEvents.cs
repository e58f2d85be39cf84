namespace TradingActors.Binance.Tests.Support;

/// <summary>Awaits the next matching event of a subscription, with a deadline.</summary>
internal static class StreamEvents
{
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
