using Akka.Actor;
using TradingActors.Exchange;
using static TradingActors.Trading.Strategy.StrategyProtocol;

namespace TradingActors.Trading.Strategy;

/// <summary>The parent of the configured strategies: starts them, stops them (kill switch, shutdown), gathers their signals.</summary>
public sealed class StrategyActors : ReceiveActor
{
    private readonly List<IActorRef> _strategies = [];

    public StrategyActors(IReadOnlyList<StrategyDefinition> definitions, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef risk)
    {
        foreach (var definition in definitions)
        {
            if (!markets.TryGetValue(definition.Market, out var market))
            {
                throw new InvalidOperationException($"Strategy {definition.Name} trades {definition.Market}, which this node does not run.");
            }

            var props = TradingStrategy.Props(definition, market, risk);
            _strategies.Add(Context.ActorOf(MarketActors.Supervised(props, "strategy"), definition.Name));
        }

        Receive<StopStrategies>(stop =>
        {
            foreach (var strategy in _strategies)
            {
                strategy.Tell(stop);
            }

            if (!Sender.Equals(Context.System.DeadLetters) && !Sender.Equals(ActorRefs.Nobody))
            {
                Sender.Tell(new StrategiesStopped(_strategies.Count));
            }
        });
        Receive<GetSignals>(_ =>
        {
            var sender = Sender;
            Task.WhenAll(_strategies.Select(s => s.Ask<Signals>(new GetSignals(), TimeSpan.FromSeconds(5))))
                .ContinueWith(
                    t => sender.Tell(new Signals(t.IsCompletedSuccessfully
                        ? t.Result.SelectMany(s => s.Recent).OrderByDescending(s => s.At).Take(100).ToList()
                        : [])),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
        });
    }

    public static Props Props(IReadOnlyList<StrategyDefinition> definitions, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef risk) =>
        Akka.Actor.Props.Create(() => new StrategyActors(definitions, markets, risk));
}
