using System.Net.Http.Headers;
using TradingActors.Binance.Common;
using TradingActors.TestSupport;

namespace TradingActors.Binance.Tests.Common;

public sealed class BinanceRateLimiterTests
{
    [Theory]
    [InlineData("1M", 60)]
    [InlineData("10S", 10)]
    [InlineData("1D", 86400)]
    [InlineData("1H", 3600)]
    public void Header_interval_suffixes_parse_to_their_windows(string suffix, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), BinanceRateLimiter.ParseInterval(suffix));
    }

    [Fact]
    public void Used_weight_is_taken_from_the_response_header()
    {
        var time = new ManualTimeProvider();
        var limiter = new BinanceRateLimiter(1000, [], 0.8m, time);

        limiter.Observe(Headers(("X-MBX-USED-WEIGHT-1M", "640")));

        Assert.Equal(640, limiter.UsedWeight);
    }

    [Fact]
    public async Task A_request_that_would_cross_the_configured_share_waits_for_the_next_minute()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));
        var limiter = new BinanceRateLimiter(1000, [], 0.8m, time);
        limiter.Observe(Headers(("X-MBX-USED-WEIGHT-1M", "795")));

        var wait = limiter.WaitToSendAsync(10, false, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(10, limiter.UsedWeight);
    }

    [Fact]
    public async Task Orders_over_the_ten_second_count_wait_for_the_next_window()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 4, TimeSpan.Zero));
        var limiter = new BinanceRateLimiter(6000, [(TimeSpan.FromSeconds(10), 50)], 0.8m, time);
        limiter.Observe(Headers(("X-MBX-ORDER-COUNT-10S", "40")));

        var wait = limiter.WaitToSendAsync(1, true, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task During_a_ban_nothing_may_be_sent_and_the_caller_is_told_at_once()
    {
        var time = new ManualTimeProvider();
        var limiter = BinanceRateLimiter.ForSpot(0.8m, time);
        limiter.OnThrottled(TimeSpan.FromMinutes(2), ban: true);

        var allowed = await limiter.WaitToSendAsync(1, true, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.False(allowed);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(2), limiter.BannedUntil);
    }

    [Fact]
    public async Task After_a_429_pause_requests_flow_again()
    {
        var time = new ManualTimeProvider();
        var limiter = BinanceRateLimiter.ForFutures(0.8m, time);
        limiter.OnThrottled(TimeSpan.FromSeconds(2), ban: false);

        var wait = limiter.WaitToSendAsync(1, false, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await wait.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }

        return response.Headers;
    }
}
