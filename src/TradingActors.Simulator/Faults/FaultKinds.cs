namespace TradingActors.Simulator.Faults;

/// <summary>The fault kinds the control API accepts (<c>POST /sim/faults</c>).</summary>
public static class FaultKinds
{
    public const string Latency = "latency";
    public const string DropResponseAfterExecute = "dropResponseAfterExecute";
    public const string Http5xx = "http5xx";
    public const string Futures503Unknown = "futures503Unknown";
    public const string SpotMinus1007 = "spotMinus1007";
    public const string PositionLagMs = "positionLagMs";
    public const string UserStreamDisconnect = "userStreamDisconnect";
    public const string DropNextUserEvent = "dropNextUserEvent";
    public const string RateLimit429 = "rateLimit429";
    public const string Ban418 = "ban418";
    public const string OcoNotAllowed = "ocoNotAllowed";
    public const string StopsNotSupported = "stopsNotSupported";
    public const string ForcePartialFill = "forcePartialFill";

    public static readonly IReadOnlyList<string> All =
    [
        Latency, DropResponseAfterExecute, Http5xx, Futures503Unknown, SpotMinus1007, PositionLagMs, UserStreamDisconnect,
        DropNextUserEvent, RateLimit429, Ban418, OcoNotAllowed, StopsNotSupported, ForcePartialFill,
    ];
}
