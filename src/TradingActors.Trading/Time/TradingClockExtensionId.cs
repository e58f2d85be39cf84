using Akka.Actor;

namespace TradingActors.Trading.Time;

internal sealed class TradingClockExtensionId : ExtensionIdProvider<TradingClockExtension>
{
    public override TradingClockExtension CreateExtension(ExtendedActorSystem system) =>
        new(system.Scheduler is TimeProviderScheduler scheduler
            ? scheduler.TimeProvider
            : TradingClockRegistry.Find(system.Settings.Config.GetString(TradingClock.ClockIdPath, null)) ?? TimeProvider.System);
}
