using System.Globalization;

namespace TradingActors.CrashHarness;

/// <summary>
/// Invariants 1-4 of the crash harness, checked on one observation of the simulator and the node. Pure: no I/O, so
/// each rule is unit-tested on hand-made observations.
/// </summary>
public static class InvariantChecker
{
    public const string OrphanOrder = "orphan-order";
    public const string LostCommand = "lost-command";

    public static IReadOnlyList<Violation> Check(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return
        [
            .. DuplicatedOrders(observation), .. LostPositions(observation), .. UnprotectedPositions(observation), .. MismatchedPositions(observation),
            .. OrphanOrders(observation), .. LostCommands(observation),
        ];
    }

    /// <summary>
    /// Beyond 1-4: a close answered 202 leaves the position closing or closed, and a stop move answered 202 leaves an
    /// Active position with that stop; otherwise the node accepted a command and forgot it in the crash.
    /// </summary>
    public static IEnumerable<Violation> LostCommands(Observation observation)
    {
        if (observation.LastCommand is not { } command || observation.NodePositions.FirstOrDefault(p => p.Id == command.PositionId) is not { } position)
        {
            yield break;
        }

        if (command.Kind == "close" && position.State is "Active" or "PendingEntry")
        {
            yield return new Violation(LostCommand, $"close {position.Id}", $"answered 202, but after the restart the position is {position.State}");
        }
        else if (command.Kind == "stop" && position.State == "Active" && position.StopPrice != command.StopPrice)
        {
            yield return new Violation(LostCommand, $"stop {position.Id} {command.StopPrice}", $"answered 202, but after the restart the stop is {position.StopPrice}");
        }
    }

    /// <summary>
    /// Beyond 1-4: once the node has settled, every open order on the exchange should be a protection of an open
    /// position. One that is not (e.g. the old stop of an interrupted replacement) can later fire on another position.
    /// </summary>
    public static IEnumerable<Violation> OrphanOrders(Observation observation)
    {
        var protections = observation.NodePositions
            .Where(p => p.IsOpen)
            .SelectMany(p => (p.Protections ?? []).Select(x => (Market: p.IsFutures ? "FUTURES" : "SPOT", x.ClientOrderId)))
            .ToHashSet();
        return (observation.OpenOrders ?? [])
            .Where(o => !protections.Contains((o.Market, o.ClientId)))
            .Select(o => new Violation(OrphanOrder, $"{o.Market} {o.ClientId}", $"open {o.Type} on {o.Symbol} that is no open position's protection"));
    }

    /// <summary>1. A client order id the exchange executed twice is a second order for the same intent leg.</summary>
    public static IEnumerable<Violation> DuplicatedOrders(Observation observation) =>
        observation.Ledger
            .Where(r => r.Action == "NEW" && r.ClientId is not null && r.Executed)
            .GroupBy(r => (r.Market, r.ClientId))
            .Where(g => g.Count() > 1)
            .Select(g => new Violation(
                "duplicated-order", $"{g.Key.Market} {g.Key.ClientId}",
                $"{g.Count()} executed NEW requests (ledger sequences {string.Join(", ", g.Select(r => r.Sequence))}, {g.First().Type} {g.First().Symbol})"));

    /// <summary>2. Every position the node accepted (202) is still known to it.</summary>
    public static IEnumerable<Violation> LostPositions(Observation observation)
    {
        var known = observation.NodePositions.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return observation.AcceptedPositionIds
            .Where(id => !known.Contains(id))
            .Order(StringComparer.Ordinal)
            .Select(id => new Violation("lost-position", id, "accepted with 202 but not listed by GET /positions?state=all"));
    }

    /// <summary>
    /// 3. A non-zero futures position has an open STOP_MARKET on the closing side that is closePosition, or reduce-only
    /// covering the whole position (a stop for part of it leaves the rest unprotected).
    /// </summary>
    public static IEnumerable<Violation> UnprotectedPositions(Observation observation)
    {
        foreach (var position in observation.FuturesPositions.Where(p => p.PositionAmt != 0m))
        {
            var closingSide = position.PositionAmt > 0m ? "SELL" : "BUY";
            var stops = observation.AlgoOrders
                .Where(a => a.Symbol == position.Symbol && a.OrderType == "STOP_MARKET" && a.Side == closingSide && (a.ReduceOnly || a.ClosePosition))
                .ToList();
            var size = Math.Abs(position.PositionAmt);
            if (stops.Count == 0)
            {
                yield return new Violation("unprotected-position", position.Symbol, $"position {Text(position.PositionAmt)} has no open reduce-only/closePosition STOP_MARKET");
            }
            else if (!stops.Any(s => s.ClosePosition) && stops.Sum(s => s.Quantity) < size)
            {
                yield return new Violation(
                    "unprotected-position", position.Symbol,
                    $"position {Text(position.PositionAmt)} but its stops cover only {Text(stops.Sum(s => s.Quantity))} ({string.Join(", ", stops.Select(s => s.ClientAlgoId))})");
            }
        }
    }

    /// <summary>4. The exchange's futures position per symbol is the sum of the node's open futures positions (signed).</summary>
    public static IEnumerable<Violation> MismatchedPositions(Observation observation)
    {
        var local = observation.NodePositions
            .Where(p => p.IsFutures && p.HoldsExposure)
            .GroupBy(p => p.Symbol)
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(p => p.SignedQuantity), Ids: string.Join(", ", g.Select(p => $"{p.Id} {p.State} {Text(p.SignedQuantity)}"))));
        var exchange = observation.FuturesPositions.ToDictionary(p => p.Symbol, p => p.PositionAmt);
        foreach (var symbol in local.Keys.Union(exchange.Keys).Order(StringComparer.Ordinal))
        {
            var onExchange = exchange.GetValueOrDefault(symbol);
            var (sum, ids) = local.GetValueOrDefault(symbol, (0m, "none"));
            if (onExchange != sum)
            {
                yield return new Violation("position-mismatch", symbol, $"exchange {Text(onExchange)}, node {Text(sum)} (open: {ids})");
            }
        }
    }

    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
