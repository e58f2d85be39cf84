namespace TradingActors.Simulator.Engine;

/// <summary>Which futures price a conditional order watches.</summary>
public enum WorkingType
{
    MarkPrice,
    ContractPrice,
}
