using Akka.Configuration;
using TradingActors.Trading.Time;

namespace TradingActors.Trading.Tests.Time;

public sealed class ScaledTimeoutsTests
{
    [Fact]
    public void Akka_defaults_are_multiplied_by_the_speed()
    {
        var scaled = TradingClock.ScaledTimeouts(20);

        Assert.Equal(TimeSpan.FromSeconds(100), scaled.GetTimeSpan("akka.cluster.sharding.updating-state-timeout"));
        Assert.Equal(TimeSpan.FromMinutes(10), scaled.GetTimeSpan("akka.persistence.journal-plugin-fallback.recovery-event-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(200), scaled.GetTimeSpan("akka.cluster.sharding.shard-start-timeout"));
    }

    [Fact]
    public void A_configured_value_is_the_one_scaled()
    {
        var current = ConfigurationFactory.ParseString("akka.cluster.sharding.entity-restart-backoff = 250ms");

        var scaled = TradingClock.ScaledTimeouts(10, current);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), scaled.GetTimeSpan("akka.cluster.sharding.entity-restart-backoff"));
    }

    [Fact]
    public void Speed_one_changes_nothing()
    {
        Assert.True(TradingClock.ScaledTimeouts(1).IsEmpty);
    }

    [Fact]
    public void The_system_clock_keeps_akkas_own_scheduler()
    {
        Assert.True(TradingClock.Config(TimeProvider.System).IsEmpty);
    }
}
