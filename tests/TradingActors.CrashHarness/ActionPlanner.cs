namespace TradingActors.CrashHarness;

/// <summary>One management request the harness sends just before a kill.</summary>
public sealed record PlannedAction(string Kind, string Path, object? Body, string? OpensPositionId, string Description, AcceptedCommand? Command = null);

/// <summary>
/// Picks the next action from the seeded random: open a position where the market and symbol are free (risk allows
/// one per market and symbol), move the stop of an active one, or close one. Futures BTCUSDT/ETHUSDT both ways and
/// spot ETHUSDT long, small quantities, stops and take profits 2-8 % away so they rarely fire on their own.
/// </summary>
public sealed class ActionPlanner(Random random, int seed, double slowPolicyShare)
{
    private static readonly (string Market, string Symbol, decimal Quantity)[] Slots =
    [
        ("futures", "BTCUSDT", 0.01m),
        ("futures", "ETHUSDT", 0.1m),
        ("spot", "ETHUSDT", 0.1m),
    ];

    private int _opened;

    /// <param name="open">The node's open positions.</param>
    /// <param name="mid">The mid price of a symbol on a market (true = futures).</param>
    public PlannedAction Next(IReadOnlyList<NodePosition> open, Func<string, bool, decimal> mid)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(mid);
        var free = Slots.Where(s => !open.Any(p => p.Market.Equals(s.Market, StringComparison.OrdinalIgnoreCase) && p.Symbol == s.Symbol)).ToList();
        var active = open.Where(p => p.State == "Active").ToList();

        // Open more often than close so that most kill points find positions to protect, move and exit.
        var roll = random.NextDouble();
        if (active.Count > 0 && (free.Count == 0 || roll >= 0.4))
        {
            var position = active[random.Next(active.Count)];
            return roll < 0.7 ? MoveStop(position, mid) : Close(position);
        }

        var slot = free.Count > 0 ? free[random.Next(free.Count)] : Slots[random.Next(Slots.Length)];
        return Open(slot, mid);
    }

    private PlannedAction Open((string Market, string Symbol, decimal Quantity) slot, Func<string, bool, decimal> mid)
    {
        var futures = slot.Market == "futures";
        var longSide = !futures || random.Next(2) == 0;
        var price = mid(slot.Symbol, futures);
        var stop = Away(price, longSide ? -1 : 1, 0.03, 0.06);
        decimal? takeProfit = random.NextDouble() < 0.7 ? Away(price, longSide ? 1 : -1, 0.03, 0.08) : null;
        var policy = random.NextDouble() < slowPolicyShare ? (random.Next(2) == 0 ? "makerThenTaker" : "twap") : "market";
        var id = $"crash-{seed}-{++_opened}";
        var body = new { id, market = slot.Market, symbol = slot.Symbol, side = longSide ? "long" : "short", quantity = slot.Quantity, stopPrice = stop, takeProfitPrice = takeProfit, policy };
        return new PlannedAction("open", "positions", body, id, $"open {id} {slot.Market} {slot.Symbol} {(longSide ? "long" : "short")} {slot.Quantity} stop {stop} tp {takeProfit?.ToString() ?? "-"} {policy}");
    }

    private PlannedAction MoveStop(NodePosition position, Func<string, bool, decimal> mid)
    {
        var stop = Away(mid(position.Symbol, position.IsFutures), position.SignedQuantity > 0 ? -1 : 1, 0.02, 0.06);
        return new PlannedAction(
            "stop", $"positions/{position.Id}/stop", new { stopPrice = stop }, null, $"move stop {position.Id} {position.Market} {position.Symbol} to {stop}",
            new AcceptedCommand("stop", position.Id, stop));
    }

    private static PlannedAction Close(NodePosition position) =>
        new("close", $"positions/{position.Id}/close", null, null, $"close {position.Id} {position.Market} {position.Symbol}", new AcceptedCommand("close", position.Id));

    /// <summary>A price a random 'from'..'to' fraction away in the direction's sign, on a 0.1 grid (every symbol's tick divides it).</summary>
    private decimal Away(decimal price, int direction, double from, double to)
    {
        var fraction = (decimal)(from + (random.NextDouble() * (to - from)));
        return Math.Round(price * (1m + (direction * fraction)), 1);
    }
}
