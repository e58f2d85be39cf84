namespace TradingActors.Simulator.Engine;

/// <summary>Why an order report is sent (<c>x</c> in the user-data events).</summary>
public enum ExecutionType
{
    New,
    Canceled,
    Trade,
    Expired,
    Rejected,

    /// <summary>A futures order's price or quantity was modified (PUT /fapi/v1/order).</summary>
    Amendment,
}
