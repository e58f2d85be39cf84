using Akka.Actor;

namespace TradingActors.Trading.Time;

/// <summary>
/// The clock of an actor system, for code that needs the <see cref="System.TimeProvider"/> object itself (the
/// simulator, the exchange connector, deciders stamping events). Obtained with <see cref="TradingClock.Get"/>.
/// </summary>
public sealed class TradingClockExtension(TimeProvider timeProvider) : IExtension
{
    /// <summary>The clock Akka's scheduler runs on; <see cref="TimeProvider.System"/> unless one was configured.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;
}
