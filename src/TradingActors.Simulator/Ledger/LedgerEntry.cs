namespace TradingActors.Simulator.Ledger;

/// <summary>One order request the simulator received (new or cancel), with what became of it.</summary>
public sealed record LedgerEntry(
    long Sequence,
    long Time,
    string Market,
    string Method,
    string Endpoint,
    string Action,
    string? Symbol,
    string? ClientId,
    string? Type,
    string? Side,
    bool ReduceOnly,
    bool ClosePosition,
    string? Quantity,
    string? Price,
    string Outcome,
    int? Code,
    long? OrderId);
