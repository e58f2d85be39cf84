using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Positions;

/// <summary>Published on the event stream when a position's realized PnL is final (for the risk manager).</summary>
public sealed record PositionClosedNotice(PositionId Id, Market Market, Symbol Symbol, decimal RealizedPnl, DateTimeOffset At);
