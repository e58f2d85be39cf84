using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Trading.Orders;

namespace TradingActors.Trading.Gateways;

/// <summary>
/// Owns one market's connection to the exchange: loads the symbol rules, keeps the user-data and market-data
/// subscriptions, and publishes what they deliver on the event stream (order updates for the router, quotes
/// for guards and pricing, stream gaps for the reconciler). It keeps no state that is not the exchange's, so
/// when a subscription dies it fails, and its backoff supervisor starts it again.
/// </summary>
public sealed class ExchangeGateway : ReceiveActor
{
    private const string UserData = "user-data";

    private readonly MarketContext _market;
    private readonly IReadOnlyList<MarketDataSubscription> _streams;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IExchangeSubscription> _subscriptions = [];
    private bool _rulesLoaded;
    private bool _userDataLive;
    private int _liveSubscriptions;

    public ExchangeGateway(MarketContext market, IReadOnlyList<MarketDataSubscription> streams)
    {
        _market = market;
        _streams = streams;

        Receive<RulesLoaded>(loaded =>
        {
            foreach (var rules in loaded.Rules)
            {
                _market.Rules[rules.Symbol] = rules;
            }

            _rulesLoaded = true;
            Log.LogInformation("{Market} gateway loaded rules for {Count} symbols", _market.Market, loaded.Rules.Count);
        });
        Receive<Subscribed>(OnSubscribed);
        Receive<StreamEnded>(ended => throw new StreamEndedException($"{_market.Market} {ended.What} stream ended: {ended.Error?.Message ?? "closed"}", ended.Error));
        Receive<SetupFailed>(failed => throw new StreamEndedException($"{_market.Market} gateway set-up failed: {failed.Error.Message}", failed.Error));
        Receive<GetGatewayStatus>(_ => Sender.Tell(new GatewayStatus(_market.Market, _rulesLoaded, _liveSubscriptions == 2)));
    }

    /// <summary>Answered by <see cref="GatewayStatus"/>.</summary>
    public sealed record GetGatewayStatus;

    public sealed record GatewayStatus(Market Market, bool RulesLoaded, bool StreamsLive)
    {
        public bool IsReady => RulesLoaded && StreamsLive;
    }

    public static Props Props(MarketContext market, IReadOnlyList<MarketDataSubscription> streams) =>
        Actors.Props.Create(() => new ExchangeGateway(market, streams));

    protected override void PreStart()
    {
        var self = Self;
        var token = _stopping.Token;
        _market.Exchange.GetSymbolRulesAsync(token).PipeTo(self, rules => new RulesLoaded(rules), e => new SetupFailed(e));
        _market.Exchange.SubscribeUserDataAsync(token).PipeTo(self, s => new Subscribed(UserData, s), e => new SetupFailed(e));
        if (_streams.Count > 0)
        {
            _market.Exchange.SubscribeMarketDataAsync(_streams, token).PipeTo(self, s => new Subscribed("market-data", s), e => new SetupFailed(e));
        }
        else
        {
            _liveSubscriptions++;
        }
    }

    protected override void PostStop()
    {
        if (_userDataLive)
        {
            _market.UserDataEndedAt = Context.System.TimeProvider.GetUtcNow();
        }

        _stopping.Cancel();
        foreach (var subscription in _subscriptions)
        {
            _ = subscription.DisposeAsync().AsTask();
        }

        _stopping.Dispose();
    }

    private void OnSubscribed(Subscribed subscribed)
    {
        _subscriptions.Add(subscribed.Subscription);
        _liveSubscriptions++;
        if (subscribed.What == UserData)
        {
            _userDataLive = true;
            if (_market.UserDataEndedAt is { } endedAt)
            {
                // Whatever happened while no gateway listened was missed: the router and the reconciler catch up.
                _market.UserDataEndedAt = null;
                Context.System.EventStream.Publish(new StreamGap
                {
                    Market = _market.Market, Kind = StreamKind.UserData, EventTime = Context.System.TimeProvider.GetUtcNow(),
                    DisconnectedAt = endedAt, Reason = "the gateway started again",
                });
            }
        }

        var self = Self;
        var events = Context.System.EventStream;
        var quotes = _market.Quotes;
        var token = _stopping.Token;

        // The pump runs beside the actor: publishing is thread-safe and keeps the gateway's mailbox free.
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var evt in subscribed.Subscription.Events.ReadAllAsync(token))
                    {
                        if (evt is BookTicker ticker)
                        {
                            quotes.Update(ticker);
                        }

                        events.Publish(evt);
                    }

                    self.Tell(new StreamEnded(subscribed.What, null));
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    self.Tell(new StreamEnded(subscribed.What, e));
                }
            },
            CancellationToken.None);
    }

    private sealed record RulesLoaded(IReadOnlyList<SymbolRules> Rules);

    private sealed record Subscribed(string What, IExchangeSubscription Subscription);

    private sealed record StreamEnded(string What, Exception? Error);

    private sealed record SetupFailed(Exception Error);
}
