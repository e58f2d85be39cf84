namespace TradingActors.Trading.Orders;

/// <summary>What the answer to cancelling one of the intent's own legs settles about that leg.</summary>
public abstract record CancelVerdict
{
    /// <summary>The answer carries the target's final state.</summary>
    public sealed record Settled(LegVerdict.Progressed Target) : CancelVerdict;

    /// <summary>
    /// The target ended meanwhile (the stream or a query saw it filled or cancelled): the cancel is done at once,
    /// whatever it was answered, and the intent goes on.
    /// </summary>
    public sealed record AlreadyEnded : CancelVerdict
    {
        public static readonly AlreadyEnded Instance = new();
    }

    /// <summary>"Unknown order": the target already ended (filled, cancelled or expired); a query says which.</summary>
    public sealed record NotOpen : CancelVerdict
    {
        public static readonly NotOpen Instance = new();
    }

    /// <summary>The cancel did not take, or its outcome is unknown: ask, and cancel again unless the answer ends it.</summary>
    public sealed record AskAndCancelAgain : CancelVerdict
    {
        public static readonly AskAndCancelAgain Instance = new();
    }
}
