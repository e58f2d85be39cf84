namespace TradingActors.Simulator.Engine;

/// <summary>A futures one-way position (isolated margin) valued at the current mark price.</summary>
public sealed record PositionSnapshot(
    string Symbol,
    decimal PositionAmt,
    decimal EntryPrice,
    decimal MarkPrice,
    decimal UnrealizedProfit,
    decimal RealizedProfit,
    decimal LiquidationPrice,
    int Leverage,
    MarginType MarginType,
    decimal IsolatedMargin,
    decimal Notional,
    decimal MaxNotionalValue,
    bool HasOpenOrders,
    long UpdateTime)
{
    /// <summary>The price at which closing (taker) pays back the fees of opening and closing.</summary>
    public decimal BreakEvenPrice { get; init; }

    /// <summary>Maintenance margin from the notional's leverage bracket.</summary>
    public decimal MaintMargin { get; init; }

    public decimal IsolatedWallet => IsolatedMargin;

    public decimal InitialMargin => Leverage == 0 ? 0 : Math.Abs(Notional) / Leverage;
}
