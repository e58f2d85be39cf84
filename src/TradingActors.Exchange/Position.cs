namespace TradingActors.Exchange;

/// <summary>A futures position; <see cref="Quantity"/> is signed (negative is short).</summary>
public sealed record Position
{
    public required Symbol Symbol { get; init; }
    public PositionSide Side { get; init; }
    public required decimal Quantity { get; init; }
    public decimal EntryPrice { get; init; }
    public decimal BreakEvenPrice { get; init; }
    public decimal MarkPrice { get; init; }
    public decimal UnrealizedPnl { get; init; }
    public decimal LiquidationPrice { get; init; }
    public int Leverage { get; init; }
    public MarginType MarginType { get; init; }
    public decimal IsolatedWallet { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsFlat => Quantity == 0m;
}
