namespace TradingActors.Exchange;

/// <summary>
/// The stream was interrupted and resumed: events may have been missed between
/// <see cref="DisconnectedAt"/> and <see cref="ExchangeEvent.EventTime"/>, so whoever depends on
/// them should reconcile against REST.
/// </summary>
public sealed record StreamGap : ExchangeEvent
{
    public required StreamKind Kind { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset DisconnectedAt { get; init; }
}
