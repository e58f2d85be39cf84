using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using ExchangeSymbolRules = TradingActors.Exchange.SymbolRules;
using OrderSnapshot = TradingActors.Exchange.OrderSnapshot;

namespace TradingActors.Node.Backtest;

/// <summary>
/// What spot and futures share on the in-process venue. Every call runs the engine synchronously and returns a
/// completed task, so whoever pipes the result gets it before it handles another message, as on a fast network.
/// Prices and quantities are rounded to the symbol's rules exactly as the Binance connector rounds them.
/// </summary>
public abstract class EngineExchange : IExchange
{
    private protected EngineExchange(EngineVenue venue, Market market)
    {
        Venue = venue;
        Market = market;
        Kind = EngineMapping.Kind(market);
    }

    public Market Market { get; }

    private protected EngineVenue Venue { get; }

    private protected ExchangeEngine Engine => Venue.Engine;

    private protected MarketKind Kind { get; }

    public Task<IReadOnlyList<ExchangeSymbolRules>> GetSymbolRulesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ExchangeSymbolRules>>([.. Engine.Symbols.Select(RulesOf)]);

    public abstract Task<OrderOutcome> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default);

    public abstract Task<OrderOutcome> CancelOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default);

    public Task<OrderOutcome> QueryOrderAsync(Symbol symbol, ClientOrderId clientOrderId, CancellationToken ct = default) =>
        Order(() => Engine.QueryOrder(Kind, symbol.Value, null, clientOrderId.Value));

    public Task<IReadOnlyList<OrderSnapshot>> GetOpenOrdersAsync(Symbol? symbol = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OrderSnapshot>>([.. Engine.OpenOrders(Kind, symbol?.Value).Select(EngineMapping.Order)]);

    public abstract Task<IReadOnlyList<Balance>> GetBalancesAsync(CancellationToken ct = default);

    public Task<IReadOnlyList<Fill>> GetTradesAsync(Symbol symbol, DateTimeOffset? since = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Fill>>([.. Engine.Trades(Kind, symbol.Value, new HistoryQuery { StartTime = since?.ToUnixTimeMilliseconds(), Limit = 1000 }).Select(EngineMapping.Fill)]);

    public Task<decimal> GetLastPriceAsync(Symbol symbol, CancellationToken ct = default) =>
        Task.FromResult(Engine.Price(Kind, symbol.Value).Last);

    public Task<IExchangeSubscription> SubscribeMarketDataAsync(IReadOnlyList<MarketDataSubscription> streams, CancellationToken ct = default) =>
        Task.FromResult(Venue.SubscribeMarketData(Market, streams));

    public Task<IExchangeSubscription> SubscribeUserDataAsync(CancellationToken ct = default) => Task.FromResult(Venue.SubscribeUserData(Market));

    private protected ExchangeSymbolRules RulesOf(string symbol) =>
        EngineMapping.Rules(Engine.Rules(Kind, symbol), Kind == MarketKind.Spot && Engine.OcoAllowed(symbol));

    /// <summary>The connector's rule: a quantity that rounds to nothing is bad input, not something to send.</summary>
    private protected static decimal Positive(decimal rounded, decimal requested, ExchangeSymbolRules rules) =>
        rounded > 0m ? rounded : throw new ArgumentException($"Quantity {requested} of {rules.Symbol} rounds to zero with step size {rules.StepSize}.", nameof(requested));

    private protected static Task<OrderOutcome> Order(Func<OrderSnapshot> call)
    {
        try
        {
            return Task.FromResult<OrderOutcome>(new OrderOutcome.Accepted(call()));
        }
        catch (ExchangeErrorException e)
        {
            return Task.FromResult<OrderOutcome>(new OrderOutcome.Rejected(e.Code, e.Message));
        }
    }

    private protected static Task<OrderOutcome> Order(Func<Simulator.Engine.OrderSnapshot> call) => Order(() => EngineMapping.Order(call()));
}
