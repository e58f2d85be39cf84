namespace TradingActors.Exchange;

/// <summary>Anything a market-data or user-data subscription delivers.</summary>
public abstract record ExchangeEvent
{
    public required Market Market { get; init; }

    /// <summary>When the venue produced the event (or when the adapter noticed, for a gap).</summary>
    public required DateTimeOffset EventTime { get; init; }
}
