using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_fires_due_timers_in_due_order_and_moves_the_clock()
    {
        // Arrange
        var time = new ManualTimeProvider();
        var fired = new List<string>();
        using var late = time.CreateTimer(_ => fired.Add($"late@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add($"early@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        // Act
        time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal(["early@01", "late@03"], fired);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(5), time.GetUtcNow());
    }

    [Fact]
    public void A_periodic_timer_fires_once_per_period_until_disposed()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(3, count);
    }

    [Fact]
    public void Change_reschedules_and_infinite_disarms()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        using var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, count);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, count);
    }

    [Fact]
    public void The_clock_never_moves_backwards()
    {
        var time = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(ManualTimeProvider.DefaultStart.AddDays(-1)));
    }
}
