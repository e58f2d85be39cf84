using System.Collections.Concurrent;
using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>
/// The latest best bid and ask per symbol, written by the market's gateway and read by the actors that
/// price orders. One entry per traded symbol, so it never grows with history.
/// </summary>
public sealed class QuoteBook
{
    private readonly ConcurrentDictionary<Symbol, Quote> _quotes = new();

    public void Update(BookTicker ticker)
    {
        ArgumentNullException.ThrowIfNull(ticker);
        if (ticker.BidPrice > 0m && ticker.AskPrice >= ticker.BidPrice)
        {
            _quotes[ticker.Symbol] = new Quote(ticker.BidPrice, ticker.AskPrice, ticker.EventTime);
        }
    }

    public bool TryGet(Symbol symbol, out Quote quote) => _quotes.TryGetValue(symbol, out quote);
}
