namespace TradingActors.Exchange;

/// <summary>Which price a futures trigger watches.</summary>
public enum WorkingType
{
    MarkPrice,
    ContractPrice,
}
