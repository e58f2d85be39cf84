namespace TradingActors.Simulator.Engine;

/// <summary>Something the engine did that a stream reports; raised in order, under the engine's lock.</summary>
public abstract record EngineEvent(long Time);

/// <summary>An order report (executionReport / ORDER_TRADE_UPDATE).</summary>
public sealed record OrderUpdated(OrderSnapshot Order, ExecutionType Execution, TradeSnapshot? Trade, string RejectReason, string ExpiryReason, long Time)
    : EngineEvent(Time);

/// <summary>Spot balances that changed (outboundAccountPosition).</summary>
public sealed record SpotBalancesChanged(IReadOnlyList<BalanceSnapshot> Balances, long Time) : EngineEvent(Time);

/// <summary>An OCO list status change (listStatus).</summary>
public sealed record OrderListUpdated(OrderListSnapshot List, long Time) : EngineEvent(Time);

/// <summary>The futures wallet or positions changed (ACCOUNT_UPDATE).</summary>
public sealed record FuturesAccountChanged(string Reason, decimal WalletBalance, IReadOnlyList<PositionSnapshot> Positions, long Time) : EngineEvent(Time);

/// <summary>A conditional order changed state (ALGO_UPDATE).</summary>
public sealed record AlgoOrderUpdated(AlgoOrderSnapshot Algo, long Time) : EngineEvent(Time);

/// <summary>
/// A symbol's price moved (book ticker, depth, mark price, kline). <paramref name="PreviousLast"/> is the last price the
/// book stood at before <see cref="PriceSnapshot.UpdateId"/>, so the streams can send the diff between the two books.
/// </summary>
public sealed record PriceChanged(PriceSnapshot Price, decimal PreviousLast, long Time) : EngineEvent(Time);

/// <summary>A public trade printed (aggTrade, kline volume): ours or the synthetic flow of the price path.</summary>
public sealed record MarketTraded(MarketKind Market, string Symbol, long TradeId, decimal Price, decimal Qty, bool BuyerIsMaker, long Time) : EngineEvent(Time);

/// <summary>A futures symbol's leverage changed (ACCOUNT_CONFIG_UPDATE).</summary>
public sealed record LeverageChanged(string Symbol, int Leverage, long Time) : EngineEvent(Time);
