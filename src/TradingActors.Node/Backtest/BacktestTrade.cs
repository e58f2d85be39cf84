using TradingActors.Exchange;

namespace TradingActors.Node.Backtest;

/// <summary>One finished position of a backtest, as its journal tells it: PnL is net of both sides' fees.</summary>
public sealed record BacktestTrade(
    string Strategy,
    Market Market,
    Symbol Symbol,
    string Side,
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal Quantity,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Fees,
    decimal NetPnl,
    string Reason);
