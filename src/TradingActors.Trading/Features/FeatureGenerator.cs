using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Trading.Strategy;

namespace TradingActors.Trading.Features;

/// <summary>
/// Turns one symbol's market data into bars of the strategy's interval and computes the features its rules read,
/// sending <see cref="StrategyProtocol.FeaturesReady"/> to the strategy at every bar close.
/// </summary>
public sealed class FeatureGenerator : ReceiveActor
{
    private readonly StrategyDefinition _definition;
    private readonly IActorRef _strategy;
    private readonly FeatureSet _features;
    private readonly BarBuilder _bar = new();
    private DateTimeOffset _barOpen;

    public FeatureGenerator(StrategyDefinition definition, IActorRef strategy)
    {
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

    public static Props Props(StrategyDefinition definition, IActorRef strategy) =>
        Actors.Props.Create(() => new FeatureGenerator(definition, strategy));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(BookTicker));
        Context.System.EventStream.Subscribe(Self, typeof(Trade));
        Context.System.EventStream.Subscribe(Self, typeof(MarkPrice));
        _barOpen = Context.System.TimeProvider.GetUtcNow();
        Context.Timers.StartPeriodicTimer("bar", new CloseBar(), _definition.BarInterval);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private bool Mine(MarketDataEvent e) => e.Symbol == _definition.Symbol && e.Market == _definition.Market;

    private void OnCloseBar()
    {
        var closeTime = Context.System.TimeProvider.GetUtcNow();
        if (_bar.Close(_barOpen) is { } bar)
        {
            var snapshot = _features.OnBar(bar, closeTime);
            _strategy.Tell(new StrategyProtocol.FeaturesReady(_definition.Name, snapshot, bar.Close));
        }

        _barOpen = closeTime;
    }

    private sealed record CloseBar;
}
