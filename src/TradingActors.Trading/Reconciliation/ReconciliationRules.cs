using System.Globalization;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;
using static TradingActors.Trading.Reconciliation.ReconcilerAction;
using static TradingActors.Trading.Reconciliation.ReconcilerProtocol;

namespace TradingActors.Trading.Reconciliation;

/// <summary>
/// Compares one market's exchange truth with its journal and classifies every difference. Pure: the reconciler
/// reads both truths, asks this what to do, and does it (or, in a dry run, only reports it).
/// </summary>
public static class ReconciliationRules
{
    /// <summary>How far the exchange's clock may be from ours when trades are matched to a position by time.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Intent digests (see <see cref="LocalTruth.IntentDigest"/>) of every intent the open positions may have made.</summary>
    public static IReadOnlyDictionary<string, (PositionData Position, IntentId Intent)> OwnedDigests(IEnumerable<PositionData> positions, string prefix)
    {
        var digests = new Dictionary<string, (PositionData, IntentId)>();
        foreach (var position in positions.Where(p => !p.State.IsTerminal() && p.State != PositionState.New))
        {
            foreach (var intent in LocalTruth.IntentsOf(position))
            {
                digests[LocalTruth.IntentDigest(ClientOrderIds.Derive(prefix, intent, "x"))] = (position, intent);
            }
        }

        return digests;
    }

    public static IReadOnlyList<PlannedAction> Classify(
        ExchangeTruth exchange, LocalTruth local, string prefix, ReconcilerSettings settings, Func<PositionId> newPositionId)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newPositionId);
        var plan = new List<PlannedAction>();
        ClassifyOrders(exchange, local, prefix, plan);
        var open = local.Positions.Where(p => !p.State.IsTerminal() && p.State != PositionState.New).ToList();
        if (exchange.Market == Market.Futures)
        {
            ClassifyFuturesPositions(exchange, local, open, settings, newPositionId, plan);
        }
        else
        {
            ClassifySpotPositions(exchange, local, open, settings, plan);
        }

        return plan;
    }

    private static void ClassifyOrders(ExchangeTruth exchange, LocalTruth local, string prefix, List<PlannedAction> plan)
    {
        var market = exchange.Market;
        var worked = local.LiveIntents.Where(i => !IsFinished(i.Status)).SelectMany(i => i.Legs).Select(l => l.ClientOrderId).ToHashSet();
        var owned = OwnedDigests(local.Positions, prefix);
        var orders = exchange.Orders.Select(o => (o.Symbol, o.ClientOrderId, Conditional: false))
            .Concat(exchange.AlgoOrders.Select(a => (a.Symbol, ClientOrderId: a.ClientAlgoId, Conditional: true)));
        foreach (var (symbol, clientId, conditional) in orders)
        {
            var subject = $"{symbol} order {clientId}";
            if (worked.Contains(clientId))
            {
                plan.Add(new(new Finding(market, FindingKind.Matched, subject, "worked by a live intent")));
            }
            else if (!ClientOrderIds.IsOurs(prefix, clientId))
            {
                plan.Add(new(
                    new Finding(market, FindingKind.Cancelled, subject, "not ours: cancelled", AlertSeverity.Warning),
                    new CancelOrder(symbol, clientId, conditional)));
            }
            else if (owned.TryGetValue(LocalTruth.IntentDigest(clientId), out var owner)
                     && local.DormantIntents.GetValueOrDefault(owner.Intent) is { } report && !IsFinished(report.Status))
            {
                plan.Add(new(
                    new Finding(market, FindingKind.Adopted, subject, $"intent {owner.Intent} of position {owner.Position.Id} resumed from its journal"),
                    new ResumeIntent(owner.Intent)));
            }
            else
            {
                var whose = owner.Intent.Value is null ? "no open position's intent" : $"finished intent {owner.Intent}";
                plan.Add(new(
                    new Finding(market, FindingKind.Cancelled, subject, $"ours, but of {whose}: cancelled", AlertSeverity.Warning),
                    new CancelOrder(symbol, clientId, conditional)));
            }
        }
    }

    private static void ClassifyFuturesPositions(
        ExchangeTruth exchange, LocalTruth local, List<PositionData> open, ReconcilerSettings settings, Func<PositionId> newPositionId, List<PlannedAction> plan)
    {
        var held = exchange.Positions.Where(p => p.Quantity != 0m).GroupBy(p => p.Symbol).ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity));
        foreach (var symbol in held.Keys.Union(open.Select(p => p.Symbol)).Distinct())
        {
            var exchangeQuantity = held.GetValueOrDefault(symbol);
            var mine = open.Where(p => p.Symbol == symbol).ToList();
            var filled = mine.Where(p => p.State is PositionState.Active or PositionState.PendingClosing).ToList();
            var journalQuantity = filled.Sum(p => p.Direction.Sign() * p.Quantity);
            var subject = $"{symbol} position";
            if (mine.Count == 0)
            {
                plan.Add(ForeignPosition(exchange, symbol, exchangeQuantity, settings, newPositionId));
            }
            else if (exchangeQuantity == journalQuantity)
            {
                plan.Add(new(new Finding(Market.Futures, FindingKind.Matched, subject, $"{exchangeQuantity} on both sides")));
                mine.Where(p => p.State == PositionState.Active).ToList().ForEach(p => plan.Add(CheckProtection(exchange, local, p)));
            }
            else if (exchangeQuantity != 0m && mine.Any(p => p.State == PositionState.PendingEntry))
            {
                foreach (var pending in mine.Where(p => p.State == PositionState.PendingEntry))
                {
                    // An entry still filling (a TWAP's slices) reports itself; verifying it now would take the
                    // part filled so far for the whole entry.
                    if (local.LiveIntents.Any(i => i.Id == pending.EntryIntent && i.Status == IntentStatus.Working && i.FilledQuantity > 0m))
                    {
                        plan.Add(new(new Finding(Market.Futures, FindingKind.Matched, $"position {pending.Id}", "its entry is still filling")));
                        continue;
                    }

                    plan.Add(new(
                        new Finding(Market.Futures, FindingKind.Adopted, $"position {pending.Id}", $"the exchange holds {exchangeQuantity} {symbol}: entry verified now, then protected"),
                        new TellPosition(new Reverify(pending.Id))));
                }
            }
            else if (exchangeQuantity == 0m)
            {
                filled.ForEach(p => plan.Add(Vanished(exchange, local, p, settings)));
            }
            else if (filled.Any(p => IsTrading(local, p)))
            {
                plan.Add(new(new Finding(Market.Futures, FindingKind.Matched, subject, $"exchange {exchangeQuantity}, journal {journalQuantity}: an order of ours is being worked")));
            }
            else if (filled.Count == 1 && Math.Sign(exchangeQuantity) == Math.Sign(journalQuantity))
            {
                var position = filled[0];
                plan.Add(new(
                    new Finding(Market.Futures, FindingKind.Corrected, $"position {position.Id}", $"journal {position.Quantity}, exchange {Math.Abs(exchangeQuantity)}: the exchange's quantity kept", AlertSeverity.Warning),
                    new TellPosition(new CorrectQuantity(position.Id, Math.Abs(exchangeQuantity)))));
            }
            else
            {
                plan.Add(new(new Finding(
                    Market.Futures, FindingKind.Unresolved, subject, $"exchange {exchangeQuantity}, journal {journalQuantity} over {filled.Count} positions: left to a person", AlertSeverity.Critical)));
            }
        }
    }

    private static PlannedAction ForeignPosition(ExchangeTruth exchange, Symbol symbol, decimal quantity, ReconcilerSettings settings, Func<PositionId> newPositionId)
    {
        var subject = $"{symbol} position";
        var direction = quantity > 0m ? PositionDirection.Long : PositionDirection.Short;
        if (settings.ForeignPositions == ForeignPositionAction.Close)
        {
            return new(
                new Finding(Market.Futures, FindingKind.Closed, subject, $"{quantity} opened by none of our positions: closed at market", AlertSeverity.Critical),
                new CloseForeignPosition(symbol, direction.ExitSide(), Math.Abs(quantity)));
        }

        var entry = exchange.Positions.First(p => p.Symbol == symbol && p.Quantity != 0m).EntryPrice;
        var stop = decimal.Round(entry * (1m - (direction.Sign() * settings.AdoptStopDistance)), 8);
        var id = newPositionId();
        return new(
            new Finding(Market.Futures, FindingKind.Adopted, subject, $"{quantity} opened by none of our positions: adopted as {id} with a stop at {stop.ToString(CultureInfo.InvariantCulture)}", AlertSeverity.Critical),
            new TellPosition(new AdoptPosition(id, Market.Futures, symbol, direction, Math.Abs(quantity), entry, stop)));
    }

    private static void ClassifySpotPositions(ExchangeTruth exchange, LocalTruth local, List<PositionData> open, ReconcilerSettings settings, List<PlannedAction> plan)
    {
        foreach (var position in open.Where(p => p.State is PositionState.Active or PositionState.PendingClosing))
        {
            if (!exchange.BaseAssets.TryGetValue(position.Symbol, out var asset))
            {
                plan.Add(new(new Finding(Market.Spot, FindingKind.Unresolved, $"position {position.Id}", $"no rules known for {position.Symbol}", AlertSeverity.Warning)));
                continue;
            }

            var balance = exchange.Balances.FirstOrDefault(b => b.Asset == asset)?.Total ?? 0m;
            if (balance >= position.Quantity)
            {
                plan.Add(new(new Finding(Market.Spot, FindingKind.Matched, $"position {position.Id}", $"{balance} {asset} held for {position.Quantity}")));
                if (position.State == PositionState.Active)
                {
                    plan.Add(CheckProtection(exchange, local, position));
                }
            }
            else
            {
                plan.Add(Vanished(exchange, local, position, settings));
            }
        }
    }

    /// <summary>An active position must have its protective order on the exchange (a guard stop lives in the node).</summary>
    private static PlannedAction CheckProtection(ExchangeTruth exchange, LocalTruth local, PositionData position)
    {
        var subject = $"position {position.Id}";
        var stop = position.ActiveStop;
        if (stop is null && local.LiveIntents.Any(i => i.Owner == position.Id && !IsFinished(i.Status) && i.Spec is OrderIntentSpec.Stop or OrderIntentSpec.Bracket))
        {
            return new(new Finding(position.Market, FindingKind.Matched, subject, "its stop is being placed"));
        }

        if (stop is null)
        {
            return new(
                new Finding(position.Market, FindingKind.Rearmed, subject, "active without a stop: protection requested", AlertSeverity.Critical),
                new TellPosition(new Reverify(position.Id)));
        }

        if (stop.Kind == ProtectionKind.GuardStop || exchange.WorkingClientIds.Contains(stop.ClientOrderId))
        {
            return new(new Finding(position.Market, FindingKind.Matched, subject, $"protected by {stop.Kind} {stop.ClientOrderId}"));
        }

        return new(
            new Finding(position.Market, FindingKind.Rearmed, subject, $"its {stop.Kind} {stop.ClientOrderId} is not on the exchange: re-armed", AlertSeverity.Critical),
            new TellPosition(new ProtectionMissing(position.Id, stop.ClientOrderId)));
    }

    /// <summary>
    /// The exchange no longer holds a position the journal has open. Its exit trades confirm it (a stop that filled
    /// while the node was down) and give its PnL; without them nothing is done: the exchange may simply lag.
    /// </summary>
    private static PlannedAction Vanished(ExchangeTruth exchange, LocalTruth local, PositionData position, ReconcilerSettings settings)
    {
        var subject = $"position {position.Id}";
        // An exit being worked, or an intent that saw an execution and is settling it, will report the end itself.
        if (IsTrading(local, position))
        {
            return new(new Finding(position.Market, FindingKind.Matched, subject, "its exit is being worked"));
        }

        var since = (position.ActiveSince ?? position.OpenedAt) - ClockSkew;
        var exitSide = position.Direction.ExitSide();
        var exits = exchange.Trades.GetValueOrDefault(position.Symbol, []).Where(t => t.Side == exitSide && t.Time >= since).ToList();
        var exited = exits.Sum(t => t.Quantity);
        if (exited < position.Quantity && settings.VanishedPositions == VanishedPositionAction.Close)
        {
            return new(
                new Finding(position.Market, FindingKind.Closed, subject, "not on the exchange, which shows no exit trades either: closed without PnL", AlertSeverity.Warning),
                new TellPosition(new MarkOrphanClosed(position.Id, "RECONCILED: the exchange holds nothing of it and shows no trades", 0m)));
        }

        if (exited < position.Quantity)
        {
            return new(new Finding(
                position.Market, FindingKind.Unresolved, subject,
                $"not on the exchange, and its trades show {exited} of {position.Quantity} exited: left open until they do", AlertSeverity.Critical));
        }

        // The most recent exit trades that cover the position closed it (older ones may be an earlier position's).
        var left = position.Quantity;
        var gross = 0m;
        var fees = position.EntryFees;
        foreach (var trade in exits.OrderByDescending(t => t.Time).ThenByDescending(t => t.TradeId))
        {
            var quantity = Math.Min(left, trade.Quantity);
            gross += position.Direction.Sign() * (trade.Price - position.EntryPrice) * quantity;
            fees += trade.CommissionAsset == "USDT" || trade.CommissionAsset.Length == 0 ? trade.Commission * quantity / trade.Quantity : 0m;
            left -= quantity;
            if (left == 0m)
            {
                break;
            }
        }

        var pnl = gross - fees;
        return new(
            new Finding(position.Market, FindingKind.Closed, subject, $"exited on the exchange while unseen; closed with PnL {pnl.ToString(CultureInfo.InvariantCulture)}", AlertSeverity.Warning),
            new TellPosition(new MarkOrphanClosed(position.Id, "RECONCILED: the exchange's trades show the exit", pnl)));
    }

    /// <summary>An entry or exit of the position is being worked, or one of its intents saw an execution it is settling.</summary>
    private static bool IsTrading(LocalTruth local, PositionData position) =>
        local.LiveIntents.Any(i => i.Owner == position.Id && !IsFinished(i.Status) && (i.Spec is OrderIntentSpec.Trade || i.FilledQuantity > 0m));

    private static bool IsFinished(IntentStatus status) => status is IntentStatus.Completed or IntentStatus.Failed;
}
