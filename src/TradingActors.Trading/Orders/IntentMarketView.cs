using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>What the planner of an intent needs to know of its market at one moment.</summary>
/// <param name="Market">Spot or futures (futures hold conditional orders and honour reduce-only).</param>
/// <param name="Quote">The latest best bid and ask of the symbol, if any has been seen.</param>
/// <param name="Rules">The symbol's rules (TWAP slices round to its step; an unknown symbol has none).</param>
public sealed record IntentMarketView(Market Market, Quote? Quote, SymbolRules Rules)
{
    public decimal TickSize => Rules.TickSize > 0m ? Rules.TickSize : 0.01m;

    public decimal MinQuantity => Rules.MinQuantity;
}
