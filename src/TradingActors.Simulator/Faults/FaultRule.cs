namespace TradingActors.Simulator.Faults;

/// <summary>
/// One configured misbehaviour. <see cref="Endpoint"/> (a path; a trailing <c>*</c> matches a prefix), <see cref="Method"/>
/// and <see cref="Symbol"/> scope it (null: any); <see cref="Count"/> limits how often it fires (null: until cleared).
/// </summary>
public sealed record FaultRule
{
    public long Id { get; init; }

    /// <summary>One of <see cref="FaultKinds"/>.</summary>
    public required string Kind { get; init; }

    public string? Endpoint { get; init; }

    public string? Method { get; init; }

    public string? Symbol { get; init; }

    /// <summary>SPOT or FUTURES for faults that are not tied to an endpoint (user stream, partial fills); null: both.</summary>
    public string? Market { get; init; }

    public int? Count { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>HTTP status for http5xx (default 500).</summary>
    public int Status { get; init; } = 500;

    public int RetryAfterSeconds { get; init; } = 1;

    public int LagMs { get; init; }

    /// <summary>Fill fraction for forcePartialFill.</summary>
    public decimal Fraction { get; init; } = 0.5m;

    /// <summary>For http5xx, futures503Unknown and spotMinus1007: whether the request is executed before the error answers.</summary>
    public bool Execute { get; init; } = true;

    /// <summary>For dropResponseAfterExecute: "abort" closes the connection, "hang" never answers.</summary>
    public string Mode { get; init; } = "abort";
}
