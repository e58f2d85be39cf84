using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading;

/// <summary>The actors of one market, each failure-prone one under a backoff supervisor.</summary>
public sealed record MarketActors(MarketContext Context, IActorRef Gateway, IActorRef Router, IActorRef Positions)
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    // A gateway that failed within this long of its start counts as still failing: its next backoff grows.
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);
    private static readonly SupervisorStrategy StopOnFailure = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Starts gateway, position region and router for <paramref name="context"/>'s market.</summary>
    public static MarketActors Start(
        ActorSystem system, MarketContext context, IReadOnlyList<MarketDataSubscription> streams, PositionSettings positionSettings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(context);
        var market = context.Market.ToString().ToLowerInvariant();
        var gateway = system.ActorOf(SupervisedAfresh(ExchangeGateway.Props(context, streams), "gateway"), $"{market}-gateway");
        var positions = system.ActorOf(Supervised(PositionRegion.Props(context, positionSettings), "region"), $"{market}-positions");
        var router = system.ActorOf(Supervised(OrderRouter.Props(context, positions), "router"), $"{market}-router");
        positions.Tell(new PositionRegion.UseRouter(router));
        return new MarketActors(context, gateway, router, positions);
    }

    /// <summary>
    /// Runs <paramref name="child"/> under a backoff supervisor that starts it again, after a growing delay, when it
    /// stops; a failure restarts it in place, keeping its mailbox, so no command sent meanwhile is lost.
    /// </summary>
    public static Props Supervised(Props child, string name) => BackoffSupervisor.Props(Backoff(child, name));

    /// <summary>
    /// For an actor whose state is the exchange's (a gateway): a failure stops it, and a fresh one starts after the
    /// backoff. A fresh actor gets a fresh address, so what the failed one still had under way (requests,
    /// subscriptions being cancelled) cannot reach and fail its successor, and a fault that persists is retried
    /// with backoff instead of in a tight loop.
    /// </summary>
    private static Props SupervisedAfresh(Props child, string name) =>
        BackoffSupervisor.Props(Backoff(child, name).WithSupervisorStrategy(StopOnFailure).WithAutoReset(HealthyAfter));

    private static BackoffOptions Backoff(Props child, string name) =>
        BackoffOptions.OnStop(child, name, MinBackoff, MaxBackoff, randomFactor: 0.2);
}
