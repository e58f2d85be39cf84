using System.Collections.Immutable;
using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using ExchangeOrderUpdated = TradingActors.Exchange.OrderUpdated;
using ExchangeOrderListUpdated = TradingActors.Exchange.OrderListUpdated;
using ExchangeAlgoOrderUpdated = TradingActors.Exchange.AlgoOrderUpdated;
using EngineOrderUpdated = TradingActors.Simulator.Engine.OrderUpdated;
using EngineOrderListUpdated = TradingActors.Simulator.Engine.OrderListUpdated;
using EngineAlgoOrderUpdated = TradingActors.Simulator.Engine.AlgoOrderUpdated;
using Trade = TradingActors.Exchange.Trade;

namespace TradingActors.Node.Backtest;

/// <summary>
/// The simulator's matching engine in process, behind the exchange contracts (<see cref="Futures"/>, <see cref="Spot"/>):
/// no HTTP, no rate limits, no faults. What the engine does (fills, triggers, price moves) is turned into the domain
/// events the Binance connector would have parsed from its streams, and handed to the subscriptions at once, in order.
/// </summary>
public sealed class EngineVenue
{
    private ImmutableList<EngineSubscription> _subscriptions = [];
    private long _marketEvents;

    public EngineVenue(EngineOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        Engine = new ExchangeEngine(options, clock, Raise);
        Futures = new EngineFuturesExchange(this);
        Spot = new EngineSpotExchange(this);
    }

    public ExchangeEngine Engine { get; }

    public TimeProvider Clock { get; }

    public IFuturesExchange Futures { get; }

    public ISpotExchange Spot { get; }

    /// <summary>Market-data events handed to a subscription so far (each counted once, whatever its subscribers).</summary>
    public long MarketEvents => Interlocked.Read(ref _marketEvents);

    public IExchange For(Market market) => market == Market.Futures ? Futures : Spot;

    /// <summary>A public print of the recorded market (a share of a kline's volume), for the features that read volume.</summary>
    public void PublishTrade(Market market, Symbol symbol, decimal price, decimal quantity) =>
        Offer(new Trade { Market = market, Symbol = symbol, EventTime = Clock.GetUtcNow(), TradeTime = Clock.GetUtcNow(), Price = price, Quantity = quantity });

    internal IExchangeSubscription SubscribeMarketData(Market market, IReadOnlyList<MarketDataSubscription> streams)
    {
        var wanted = streams.Select(s => (s.Symbol, s.Kind)).ToHashSet();
        return Add(evt => evt.Market == market && evt is MarketDataEvent data && wanted.Contains((data.Symbol, KindOf(data))));
    }

    internal IExchangeSubscription SubscribeUserData(Market market) => Add(evt => evt.Market == market && evt is UserDataEvent);

    private static MarketDataKind KindOf(MarketDataEvent data) => data switch
    {
        BookTicker => MarketDataKind.BookTicker,
        Trade => MarketDataKind.Trade,
        MarkPrice => MarketDataKind.MarkPrice,
        Exchange.Kline => MarketDataKind.Kline,
        _ => MarketDataKind.Depth,
    };

    private EngineSubscription Add(Func<ExchangeEvent, bool> wants)
    {
        var subscription = new EngineSubscription(wants, s => ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(s)));
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    private void Offer(ExchangeEvent evt)
    {
        var delivered = false;
        foreach (var subscription in _subscriptions)
        {
            delivered |= subscription.Offer(evt);
        }

        if (delivered && evt is MarketDataEvent)
        {
            Interlocked.Increment(ref _marketEvents);
        }
    }

    // Raised under the engine's lock: only turns the event into domain events and writes them to unbounded channels.
    private void Raise(EngineEvent engineEvent)
    {
        var time = EngineMapping.Time(engineEvent.Time);
        switch (engineEvent)
        {
            case PriceChanged changed:
                var p = changed.Price;
                var market = EngineMapping.Market(p.Market);
                var symbol = new Symbol(p.Symbol);
                Offer(new BookTicker
                {
                    Market = market, Symbol = symbol, EventTime = time, UpdateId = p.UpdateId,
                    BidPrice = p.Bid, BidQuantity = p.BidQty, AskPrice = p.Ask, AskQuantity = p.AskQty,
                });
                if (market == Market.Futures)
                {
                    Offer(new MarkPrice { Market = market, Symbol = symbol, EventTime = time, Price = p.Mark, IndexPrice = p.Index });
                }

                break;
            case MarketTraded traded:
                Offer(new Trade
                {
                    Market = EngineMapping.Market(traded.Market), Symbol = new Symbol(traded.Symbol), EventTime = time, TradeTime = time,
                    TradeId = traded.TradeId, Price = traded.Price, Quantity = traded.Qty, BuyerIsMaker = traded.BuyerIsMaker,
                });
                break;
            case EngineOrderUpdated update:
                Offer(new ExchangeOrderUpdated
                {
                    Market = EngineMapping.Market(update.Order.Market), EventTime = time, Order = EngineMapping.Order(update.Order),
                    ExecutionType = EngineMapping.Execution(update.Execution),
                    LastFill = update.Trade is { Qty: > 0m } trade ? EngineMapping.Fill(trade) : null,
                    Reason = update.ExpiryReason.Length > 0 ? update.ExpiryReason : update.RejectReason is "NONE" or "" ? null : update.RejectReason,
                });
                break;
            case EngineAlgoOrderUpdated algo:
                Offer(new ExchangeAlgoOrderUpdated { Market = Market.Futures, EventTime = time, Order = EngineMapping.Algo(algo.Algo) });
                break;
            case EngineOrderListUpdated list:
                Offer(new ExchangeOrderListUpdated { Market = Market.Spot, EventTime = time, OrderList = EngineMapping.List(list.List) });
                break;
            case FuturesAccountChanged account:
                Offer(new AccountUpdated
                {
                    Market = Market.Futures, EventTime = time, Reason = account.Reason,
                    Balances = [new Balance("USDT", account.WalletBalance, account.WalletBalance - account.Positions.Sum(x => x.IsolatedMargin))],
                    Positions = [.. account.Positions.Select(EngineMapping.Position)],
                });
                break;
            case SpotBalancesChanged balances:
                Offer(new AccountUpdated
                {
                    Market = Market.Spot, EventTime = time,
                    Balances = [.. balances.Balances.Select(b => new Balance(b.Asset, b.Free + b.Locked, b.Free))],
                });
                break;
        }
    }
}
