using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Positions;

/// <summary>What a position does once the events of a decision are journaled; the actor carries it out.</summary>
public abstract record PositionAction
{
    /// <summary>Place a stop (and take profit) if the position lacks one.</summary>
    public sealed record EnsureProtected : PositionAction
    {
        public static readonly EnsureProtected Instance = new();
    }

    /// <summary>After the end: cancel what still protects, check the exchange is flat, then leave memory.</summary>
    public sealed record AfterTerminal : PositionAction
    {
        public static readonly AfterTerminal Instance = new();
    }

    /// <summary>The entry's outcome is unknown: ask the other sources until the verification deadline.</summary>
    public sealed record VerifyEntry : PositionAction
    {
        public static readonly VerifyEntry Instance = new();
    }

    /// <summary>Close what is still open at market (up to the allowed attempts).</summary>
    public sealed record RetryClose : PositionAction
    {
        public static readonly RetryClose Instance = new();
    }

    /// <summary>The position closed: tell the node (a <see cref="PositionClosedNotice"/>), then clean up after the end.</summary>
    public sealed record Closed : PositionAction
    {
        public static readonly Closed Instance = new();
    }

    /// <summary>The protections are gone: the exit that waited for them goes ahead.</summary>
    public sealed record ProceedWithExit : PositionAction
    {
        public static readonly ProceedWithExit Instance = new();
    }

    /// <summary>The position asks itself to close at market.</summary>
    public sealed record Close(CloseReason Reason) : PositionAction;

    public sealed record CancelIntent(IntentId Intent) : PositionAction;

    public sealed record Alert(AlertSeverity Severity, string Message) : PositionAction;

    /// <summary>Place a stop at <see cref="StopPrice"/> (a spot position left without any protection).</summary>
    public sealed record ArmStop(decimal StopPrice) : PositionAction;

    /// <summary>Invariant 3: the new stop is on the exchange, so the older ones are cancelled now.</summary>
    public sealed record ReplaceOlderStops : PositionAction
    {
        public static readonly ReplaceOlderStops Instance = new();
    }

    /// <summary>Place what rests beside the stop if it is missing: the take profit, and the exchange-held trailing stop.</summary>
    public sealed record EnsureTakeProfit : PositionAction
    {
        public static readonly EnsureTakeProfit Instance = new();
    }

    /// <summary>The exchange does not hold the trailing stop: the node trails the stop itself (<see cref="Reason"/> says why).</summary>
    public sealed record TrailLocally(string Reason) : PositionAction;

    /// <summary>Try placing a stop again after <see cref="Delay"/>.</summary>
    public sealed record RetryStop(TimeSpan Delay) : PositionAction;

    /// <summary>Try moving the stop (replacing <see cref="Replacing"/>) to <see cref="StopPrice"/> again after <see cref="Delay"/>.</summary>
    public sealed record RetryMove(decimal StopPrice, ClientOrderId Replacing, TimeSpan Delay) : PositionAction;
}
