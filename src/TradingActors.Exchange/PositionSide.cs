namespace TradingActors.Exchange;

/// <summary>Futures position side: <see cref="Both"/> in one-way mode, Long/Short in hedge mode.</summary>
public enum PositionSide
{
    Both,
    Long,
    Short,
}
