using Akka.Event;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Sharding;

namespace TradingActors.Trading.Gateways;

/// <summary>
/// Owns one market's connection to the exchange on this node: loads the symbol rules, keeps the user-data and
/// market-data subscriptions, and delivers what they bring straight to whoever acts on it: an order update to its
/// intent through the intent region (the client order id names the intent), market data to the actors that
/// subscribed to its symbol, and a user-data gap to every live intent (which asks for its orders) and, on the event
/// stream, to the reconciler. It keeps no state that is not the exchange's, so when a subscription dies it fails,
/// and its backoff supervisor starts a fresh one.
/// </summary>
public sealed class ExchangeGateway : ReceiveActor
{
    private const string UserData = "user-data";

    private readonly MarketContext _market;
    private readonly IReadOnlyList<MarketDataSubscription> _streams;
    private readonly IActorRef _intents;
    private readonly IntentMessageExtractor _extractor;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IExchangeSubscription> _subscriptions = [];
    private bool _rulesLoaded;
    private bool _userDataLive;
    private int _liveSubscriptions;

    public ExchangeGateway(MarketContext market, IReadOnlyList<MarketDataSubscription> streams, IActorRef intents)
    {
        _market = market;
        _streams = streams;
        _intents = intents;
        _extractor = new IntentMessageExtractor(market.Settings.ClientOrderIdPrefix);

        Receive<RulesLoaded>(loaded =>
        {
            foreach (var rules in loaded.Rules)
            {
                _market.Rules[rules.Symbol] = rules;
            }

            _rulesLoaded = true;
            _log.Info("{Market} gateway loaded rules for {Count} symbols", _market.Market, loaded.Rules.Count);
        });
        Receive<Subscribed>(OnSubscribed);
        Receive<StreamEnded>(ended => throw new StreamEndedException($"{_market.Market} {ended.What} stream ended: {ended.Error?.Message ?? "closed"}", ended.Error));
        Receive<SetupFailed>(failed => throw new StreamEndedException($"{_market.Market} gateway set-up failed: {failed.Error.Message}", failed.Error));
        Receive<StreamGap>(OnStreamGap);
        Receive<LiveIntentKeys>(live =>
        {
            foreach (var key in live.Keys)
            {
                _intents.Tell(new IntentProtocol.ResyncLegs(key));
            }
        });
        Receive<GetGatewayStatus>(_ => Sender.Tell(new GatewayStatus(_market.Market, _rulesLoaded, _liveSubscriptions == 2)));
    }

    /// <summary>Answered by <see cref="GatewayStatus"/>.</summary>
    public sealed record GetGatewayStatus;

    public sealed record GatewayStatus(Market Market, bool RulesLoaded, bool StreamsLive)
    {
        public bool IsReady => RulesLoaded && StreamsLive;
    }

    public static Props Props(MarketContext market, IReadOnlyList<MarketDataSubscription> streams, IActorRef intents) =>
        Akka.Actor.Props.Create(() => new ExchangeGateway(market, streams, intents));

    protected override void PreStart()
    {
        var self = Self;
        var token = _stopping.Token;
        _market.Exchange.GetSymbolRulesAsync(token).PipeTo(self, success: rules => new RulesLoaded(rules), failure: e => new SetupFailed(e));
        _market.Exchange.SubscribeUserDataAsync(token).PipeTo(self, success: s => new Subscribed(UserData, s), failure: e => new SetupFailed(e));
        if (_streams.Count > 0)
        {
            _market.Exchange.SubscribeMarketDataAsync(_streams, token).PipeTo(self, success: s => new Subscribed("market-data", s), failure: e => new SetupFailed(e));
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
            _market.UserDataEndedAt = Context.System.Scheduler.Now;
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
                // Whatever happened while no gateway listened was missed: the intents and the reconciler catch up.
                _market.UserDataEndedAt = null;
                OnStreamGap(new StreamGap
                {
                    Market = _market.Market, Kind = StreamKind.UserData, EventTime = Context.System.Scheduler.Now,
                    DisconnectedAt = endedAt, Reason = "the gateway started again",
                });
            }
        }

        var self = Self;
        var token = _stopping.Token;

        // The pump runs beside the actor: delivery is thread-safe and keeps the gateway's mailbox free.
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var evt in subscribed.Subscription.Events.ReadAllAsync(token))
                    {
                        Deliver(evt, self);
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

    private void Deliver(ExchangeEvent evt, IActorRef self)
    {
        switch (evt)
        {
            case MarketDataEvent data:
                if (data is BookTicker ticker)
                {
                    _market.Quotes.Update(ticker);
                }

                _market.MarketData.Publish(data);
                break;
            case OrderUpdated or AlgoOrderUpdated or OrderListUpdated when _extractor.IsOurs(evt):
                _intents.Tell(evt, ActorRefs.NoSender);
                break;
            case StreamGap gap:
                self.Tell(gap);
                break;
        }
    }

    /// <summary>A user-data gap: every live intent of this market asks for its orders, and the reconciler is told.</summary>
    private void OnStreamGap(StreamGap gap)
    {
        if (gap.Kind == StreamKind.UserData)
        {
            _log.Warning("{Market} user-data stream gap ({Reason}): the live intents ask for their orders", _market.Market, gap.Reason);
            TradingShards.LocalEntityIdsAsync(_intents, TimeSpan.FromSeconds(10)).PipeTo(Self, success: keys => new LiveIntentKeys(keys), failure: _ => new LiveIntentKeys([]));
        }

        TradingTopics.Publish(Context.System, TradingTopics.StreamGaps, gap);
    }

    private sealed record LiveIntentKeys(IReadOnlyList<string> Keys);

    private sealed record RulesLoaded(IReadOnlyList<SymbolRules> Rules);

    private sealed record Subscribed(string What, IExchangeSubscription Subscription);

    private sealed record StreamEnded(string What, Exception? Error);

    private sealed record SetupFailed(Exception Error);
}
