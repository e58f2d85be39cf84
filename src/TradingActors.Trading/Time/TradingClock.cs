using Akka.Actor;

namespace TradingActors.Trading.Time;

/// <summary>The clock of an actor system, for code that needs the <see cref="TimeProvider"/> itself.</summary>
public sealed class TradingClock : IExtension
{
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public static TradingClock Get(ActorSystem system) => system.WithExtension<TradingClock, TradingClockProvider>();

    private sealed class TradingClockProvider : ExtensionIdProvider<TradingClock>
    {
        public override TradingClock CreateExtension(ExtendedActorSystem system) => new();
    }
}
