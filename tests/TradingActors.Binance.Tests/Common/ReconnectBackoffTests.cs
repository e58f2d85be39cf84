using TradingActors.Binance.Common;

namespace TradingActors.Binance.Tests.Common;

public sealed class ReconnectBackoffTests
{
    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(1, 1000, 2000)]
    [InlineData(3, 4000, 8000)]
    [InlineData(20, 15000, 30000)]
    public void Reconnect_delay_doubles_per_failure_is_capped_and_jittered_between_half_and_full(int attempt, int minMs, int maxMs)
    {
        var initial = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(30);

        var low = ReconnectingWebSocket.Backoff(attempt, initial, max, 0.0);
        var high = ReconnectingWebSocket.Backoff(attempt, initial, max, 1.0);

        Assert.Equal(TimeSpan.FromMilliseconds(minMs), low);
        Assert.Equal(TimeSpan.FromMilliseconds(maxMs), high);
    }
}
