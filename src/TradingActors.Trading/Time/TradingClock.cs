using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using HoconConfig = Akka.Configuration.Config;

namespace TradingActors.Trading.Time;

/// <summary>
/// Puts an actor system on a <see cref="System.TimeProvider"/>: build the config with <see cref="Config"/> before the
/// system starts, read the clock back with <see cref="Get"/>, and scale Akka's own timeouts with
/// <see cref="ScaledTimeouts"/> when the clock runs faster than the wall clock.
/// </summary>
public static class TradingClock
{
    /// <summary>Where the config carries the id under which the clock was registered.</summary>
    public const string ClockIdPath = "trading-actors.clock-id";

    /// <summary>
    /// The HOCON that runs Akka's scheduler on <paramref name="clock"/>, to fall back into the system's config:
    /// <c>userConfig.WithFallback(TradingClock.Config(clock))</c>. The system clock keeps Akka's own scheduler.
    /// </summary>
    public static HoconConfig Config(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock == TimeProvider.System)
        {
            return HoconConfig.Empty;
        }

        var scheduler = typeof(TimeProviderScheduler);
        return ConfigurationFactory.ParseString(
            $"""
            akka.scheduler.implementation = "{scheduler.FullName}, {scheduler.Assembly.GetName().Name}"
            {ClockIdPath} = "{TradingClockRegistry.Register(clock)}"
            """);
    }

    /// <summary>
    /// Akka's scheduler-run timeouts (listed in <see cref="ScaledTimeoutKeys"/>) multiplied by <paramref name="speed"/>,
    /// so that they last as long on the wall clock as they would at speed 1. Values set in <paramref name="current"/>
    /// are the ones scaled (Akka's defaults otherwise); put the result in front:
    /// <c>TradingClock.ScaledTimeouts(speed, config).WithFallback(config)</c>.
    /// </summary>
    public static HoconConfig ScaledTimeouts(double speed, HoconConfig? current = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1d);
        if (speed == 1d)
        {
            return HoconConfig.Empty;
        }

        var hocon = new StringBuilder();
        foreach (var (path, fallback) in ScaledTimeoutKeys.All)
        {
            var value = current is not null && !current.IsEmpty && current.HasPath(path) ? current.GetTimeSpan(path, fallback) : fallback;
            hocon.Append(CultureInfo.InvariantCulture, $"{path} = {Math.Round(value.TotalMilliseconds * speed)}ms\n");
        }

        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    /// <summary>The clock of <paramref name="system"/>: the one its scheduler runs on, else the system clock.</summary>
    public static TradingClockExtension Get(ActorSystem system) => system.WithExtension<TradingClockExtension, TradingClockExtensionId>();
}
