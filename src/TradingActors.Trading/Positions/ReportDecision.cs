namespace TradingActors.Trading.Positions;

/// <summary>
/// What a report of one of its intents leads to: <see cref="Events"/> to journal (in order), then <see cref="Then"/>
/// to do. <see cref="SettlesPendingStop"/> says the report answered for the stop the position was waiting on.
/// </summary>
public sealed record ReportDecision(IReadOnlyList<IPositionEvent> Events, IReadOnlyList<PositionAction> Then, bool SettlesPendingStop = false)
{
    public static readonly ReportDecision Nothing = new([], []);

    public bool IsNothing => Events.Count == 0 && Then.Count == 0 && !SettlesPendingStop;
}
