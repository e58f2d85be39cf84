namespace TradingActors.Simulator.Engine;

/// <summary>The futures USDT account at one instant: wallet, margins and every position.</summary>
public sealed record FuturesAccountSnapshot(
    decimal WalletBalance,
    decimal UnrealizedProfit,
    decimal PositionMargin,
    decimal OpenOrderMargin,
    IReadOnlyList<PositionSnapshot> Positions,
    long UpdateTime)
{
    public decimal MarginBalance => WalletBalance + UnrealizedProfit;

    public decimal AvailableBalance => Math.Max(0, WalletBalance - PositionMargin - OpenOrderMargin + Math.Min(0, UnrealizedProfit));
}
