namespace TradingActors.Simulator.Engine;

/// <summary>
/// The synthetic order book as a pure function of the last price: a spread around it and equal levels a fixed step apart.
/// Pure so that the streams can derive diffs between two prices without asking the engine.
/// </summary>
public static class SyntheticDepth
{
    public static (decimal Bid, decimal Ask) BestBidAsk(decimal last, SymbolRules rules, EngineOptions options)
    {
        var tick = rules.TickSize;
        var half = last * options.SpreadBps / 20_000m;
        var bid = Math.Floor((last - half) / tick) * tick;
        var ask = Math.Ceiling((last + half) / tick) * tick;
        if (ask <= bid)
        {
            ask = bid + tick;
        }

        if (bid <= 0)
        {
            bid = tick;
        }

        return (bid, ask);
    }

    public static decimal LevelStep(decimal last, SymbolRules rules, EngineOptions options) =>
        Math.Max(rules.TickSize, ExchangeEngine.FloorToStep(last * options.DepthLevelStepBps / 10_000m, rules.TickSize));

    public static decimal LevelQty(decimal last, SymbolRules rules, EngineOptions options) =>
        Math.Max(rules.StepSize, ExchangeEngine.FloorToStep(options.DepthLevelNotional / last, rules.StepSize));

    /// <summary>The best <paramref name="levels"/> levels per side (never more than the book's <see cref="EngineOptions.DepthLevels"/>).</summary>
    public static (IReadOnlyList<(decimal Price, decimal Qty)> Bids, IReadOnlyList<(decimal Price, decimal Qty)> Asks) Levels(decimal last, SymbolRules rules, EngineOptions options, int levels)
    {
        var (bid, ask) = BestBidAsk(last, rules, options);
        var step = LevelStep(last, rules, options);
        var qty = LevelQty(last, rules, options);
        var bids = new List<(decimal, decimal)>();
        var asks = new List<(decimal, decimal)>();
        for (var i = 0; i < Math.Min(levels, options.DepthLevels); i++)
        {
            asks.Add((ask + (i * step), qty));
            if (bid - (i * step) > 0)
            {
                bids.Add((bid - (i * step), qty));
            }
        }

        return (bids, asks);
    }

    /// <summary>
    /// What changed from the book at <paramref name="before"/> to the book at <paramref name="after"/>: new or changed levels
    /// with their quantity, vanished levels with quantity 0 (Binance's diff-depth semantics).
    /// </summary>
    public static (IReadOnlyList<(decimal Price, decimal Qty)> Bids, IReadOnlyList<(decimal Price, decimal Qty)> Asks) Diff(decimal before, decimal after, SymbolRules rules, EngineOptions options)
    {
        var old = Levels(before, rules, options, options.DepthLevels);
        var now = Levels(after, rules, options, options.DepthLevels);
        return (Side(old.Bids, now.Bids, descending: true), Side(old.Asks, now.Asks, descending: false));
    }

    private static List<(decimal Price, decimal Qty)> Side(IReadOnlyList<(decimal Price, decimal Qty)> old, IReadOnlyList<(decimal Price, decimal Qty)> now, bool descending)
    {
        var previous = old.ToDictionary(l => l.Price, l => l.Qty);
        var changes = new List<(decimal Price, decimal Qty)>();
        foreach (var (price, qty) in now)
        {
            if (!previous.Remove(price, out var was) || was != qty)
            {
                changes.Add((price, qty));
            }
        }

        changes.AddRange(previous.Keys.Select(p => (p, 0m)));
        return descending ? changes.OrderByDescending(l => l.Price).ToList() : changes.OrderBy(l => l.Price).ToList();
    }
}
