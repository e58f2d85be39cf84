namespace TradingActors.Simulator.Engine;

/// <summary>Synthetic depth around the price, and the walk a taker order makes through it.</summary>
public sealed partial class ExchangeEngine
{
    /// <summary>
    /// Forces the next <paramref name="count"/> matches on a symbol (all of them if negative) to fill only
    /// <paramref name="fraction"/> of the remaining quantity; a fraction of 1 or a count of 0 clears it.
    /// </summary>
    public void ForcePartialFills(MarketKind market, string symbol, decimal fraction, int count = -1)
    {
        if (fraction <= 0 || fraction > 1)
        {
            throw Errors.InvalidParameter("Fill fraction must be in (0, 1].");
        }

        lock (_gate)
        {
            var book = BookOf(market, symbol);
            book.FillFraction = count == 0 ? 1m : fraction;
            book.FillFractionCount = fraction == 1m ? 0 : count;
        }
    }

    /// <summary>The synthetic order book, at most <see cref="EngineOptions.DepthLevels"/> levels a side, with its update id.</summary>
    public DepthSnapshot Depth(MarketKind market, string symbol, int levels)
    {
        lock (_gate)
        {
            var book = BookOf(market, symbol);
            var (bids, asks) = SyntheticDepth.Levels(book.Last, book.Rules, _options, levels);
            return new DepthSnapshot(book.DepthUpdateId, bids, asks, NowMs);
        }
    }

    private (decimal Bid, decimal Ask) BestBidAsk(Book book) => SyntheticDepth.BestBidAsk(book.Last, book.Rules, _options);

    private decimal LevelStep(Book book) => SyntheticDepth.LevelStep(book.Last, book.Rules, _options);

    private decimal LevelQty(Book book) => SyntheticDepth.LevelQty(book.Last, book.Rules, _options);

    /// <summary>
    /// The fills a taker would get: level by level away from the best price, never beyond <paramref name="limit"/>;
    /// the deepest level is unbounded so a market order always completes.
    /// </summary>
    private List<(decimal Price, decimal Qty)> Walk(Book book, OrderSide side, decimal maxQty, decimal? maxQuote, decimal? limit)
    {
        var fills = new List<(decimal, decimal)>();
        var (bid, ask) = BestBidAsk(book);
        var step = LevelStep(book);
        var levelQty = LevelQty(book);
        var remaining = maxQty;
        var remainingQuote = maxQuote ?? decimal.MaxValue;
        for (var level = 0; remaining > 0 && remainingQuote > 0; level++)
        {
            var price = side == OrderSide.Buy ? ask + (level * step) : bid - (level * step);
            if (price <= 0 || (limit is { } l && (side == OrderSide.Buy ? price > l : price < l)))
            {
                break;
            }

            var available = level >= _options.DepthLevels - 1 ? decimal.MaxValue : levelQty;
            var qty = Math.Min(remaining, available);
            if (maxQuote is not null)
            {
                qty = Math.Min(qty, FloorToStep(remainingQuote / price, book.Rules.StepSize));
            }

            if (qty <= 0)
            {
                break;
            }

            fills.Add((price, qty));
            remaining -= qty;
            remainingQuote -= qty * price;
        }

        return fills;
    }

    /// <summary>The quantity one match may fill, after any forced-partial-fill fault.</summary>
    private decimal MatchableQty(Book book, decimal remaining)
    {
        if (book.FillFractionCount == 0 || book.FillFraction >= 1m)
        {
            return remaining;
        }

        var fraction = book.FillFraction;
        if (book.FillFractionCount > 0 && --book.FillFractionCount == 0)
        {
            book.FillFraction = 1m;
        }

        var part = FloorToStep(remaining * fraction, book.Rules.StepSize);
        return part <= 0 ? Math.Min(remaining, book.Rules.StepSize) : part;
    }

    private bool WouldTake(Book book, OrderSide side, decimal price)
    {
        var (bid, ask) = BestBidAsk(book);
        return side == OrderSide.Buy ? price >= ask : price <= bid;
    }
}
