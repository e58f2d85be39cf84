using Microsoft.Extensions.Time.Testing;
using TradingActors.Trading.Time;

namespace TradingActors.Trading.Tests.Time;

public sealed class ScaledTimeProviderTests
{
    private readonly FakeTimeProvider _wall = new();

    [Fact]
    public void Clock_runs_speed_times_faster_than_the_wall_clock()
    {
        var clock = new ScaledTimeProvider(10, _wall);
        var start = clock.GetUtcNow();
        var stamp = clock.GetTimestamp();

        _wall.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(30), clock.GetUtcNow() - start);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.GetElapsedTime(stamp));
    }

    [Fact]
    public void Timer_fires_after_a_speed_th_of_its_span_and_keeps_its_period()
    {
        var clock = new ScaledTimeProvider(10, _wall);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        _wall.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, fired);
        _wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
        _wall.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(4, fired);
    }

    [Fact]
    public void Changed_timer_is_scaled_too()
    {
        var clock = new ScaledTimeProvider(4, _wall);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(8), Timeout.InfiniteTimeSpan);
        _wall.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Operator_waits_are_stretched_into_the_node_clock()
    {
        Assert.Equal(TimeSpan.FromSeconds(100), ScaledTimeProvider.OfRealTime(new ScaledTimeProvider(20, _wall), TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), ScaledTimeProvider.OfRealTime(TimeProvider.System, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Slower_than_real_time_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(0.5, _wall));
}
