using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Strategy;

namespace TradingActors.Trading.Features;

/// <summary>
/// Turns one symbol's market data into bars of the strategy's interval and computes the features its rules read,
/// sending <see cref="StrategyProtocol.FeaturesReady"/> to the strategy at every bar close.
/// </summary>
public sealed class FeatureGenerator : ReceiveActor, IWithTimers
{
    private readonly StrategyDefinition _definition;
    private readonly IActorRef _strategy;
    private readonly FeatureSet _features;
    private readonly BarBuilder _bar = new();
    private DateTimeOffset _barOpen;

    private readonly MarketDataHub _marketData;

    public FeatureGenerator(StrategyDefinition definition, IActorRef strategy, MarketDataHub marketData)
    {
        _marketData = marketData;
        _definition = definition;
        _strategy = strategy;
        _features = new FeatureSet(definition.Features);

        Receive<BookTicker>(t =>
        {
            _features.OnBook(t.BidPrice, t.AskPrice);
            _bar.OnQuote((t.BidPrice + t.AskPrice) / 2m);
        }, Mine);
        Receive<Trade>(t => _bar.OnTrade(t.Price, t.Quantity), Mine);
        Receive<MarkPrice>(m => _features.OnMarkPrice(m.Price), Mine);
        Receive<CloseBar>(_ => OnCloseBar());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(StrategyDefinition definition, IActorRef strategy, MarketDataHub marketData) =>
        Akka.Actor.Props.Create(() => new FeatureGenerator(definition, strategy, marketData));

    protected override void PreStart()
    {
        _marketData.Subscribe(_definition.Symbol, Self);

        // Bars close on the interval's grid counted from the epoch, as the exchange's klines do (a 1-minute bar at
        // every whole minute), whenever the strategy started: the first bar is the remainder of the current one.
        var now = Context.System.Scheduler.Now;
        var interval = _definition.BarInterval;
        var intoBar = TimeSpan.FromTicks((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % interval.Ticks);
        _barOpen = now - intoBar;
        Timers.StartPeriodicTimer("bar", new CloseBar(), interval - intoBar, interval);
    }

    protected override void PostStop() => _marketData.Unsubscribe(_definition.Symbol, Self);

    private bool Mine(MarketDataEvent e) => e.Symbol == _definition.Symbol && e.Market == _definition.Market;

    private void OnCloseBar()
    {
        var closeTime = Context.System.Scheduler.Now;
        if (_bar.Close(_barOpen) is { } bar)
        {
            var snapshot = _features.OnBar(bar, closeTime);
            _strategy.Tell(new StrategyProtocol.FeaturesReady(_definition.Name, snapshot, bar.Close));
        }

        _barOpen = closeTime;
    }

    private sealed record CloseBar;
}
