using System.Collections.Concurrent;
using TradingActors.Exchange;
using TradingActors.Trading.Gateways;

namespace TradingActors.Trading.Orders;

/// <summary>What the actors of one market share on a node: the exchange, its symbol rules, the latest quotes and the market data.</summary>
public sealed class MarketContext(IExchange exchange, RouterSettings settings)
{
    public Market Market => Exchange.Market;

    public IExchange Exchange { get; } = exchange;

    public IFuturesExchange? Futures => Exchange as IFuturesExchange;

    public ISpotExchange? Spot => Exchange as ISpotExchange;

    public RouterSettings Settings { get; } = settings;

    public QuoteBook Quotes { get; } = new();

    public MarketDataHub MarketData { get; } = new();

    public ConcurrentDictionary<Symbol, SymbolRules> Rules { get; } = new();

    /// <summary>When the last gateway's user-data subscription ended; the next gateway reports the gap since then.</summary>
    public DateTimeOffset? UserDataEndedAt { get; set; }

    public decimal TickSize(Symbol symbol) => Rules.TryGetValue(symbol, out var rules) && rules.TickSize > 0m ? rules.TickSize : 0.01m;

    public decimal MinQuantity(Symbol symbol) => Rules.TryGetValue(symbol, out var rules) ? rules.MinQuantity : 0m;
}
