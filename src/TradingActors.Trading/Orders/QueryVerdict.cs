namespace TradingActors.Trading.Orders;

/// <summary>What follows a query that did not settle a leg.</summary>
public abstract record QueryVerdict
{
    /// <summary>Ask again after <see cref="Delay"/> (doubling with every attempt).</summary>
    public sealed record AskAgain(TimeSpan Delay) : QueryVerdict;

    /// <summary>Still unknown after every query: the intent is unresolved and the reconciler settles it.</summary>
    public sealed record Unresolved : QueryVerdict
    {
        public static readonly Unresolved Instance = new();
    }

    /// <summary>Every query agrees an order nobody ever saw does not exist: it was never placed.</summary>
    public sealed record NeverPlaced : QueryVerdict
    {
        public static readonly NeverPlaced Instance = new();
    }

    /// <summary>Neither open (its cancel found nothing) nor found: it ended with what it executed.</summary>
    public sealed record EndedAsCancelled : QueryVerdict
    {
        public static readonly EndedAsCancelled Instance = new();
    }

    /// <summary>Seen before but cannot be queried now: the stream will tell (the attempts start over).</summary>
    public sealed record WaitForStream : QueryVerdict
    {
        public static readonly WaitForStream Instance = new();
    }
}
