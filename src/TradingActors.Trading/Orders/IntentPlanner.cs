using TradingActors.Exchange;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Orders;

/// <summary>
/// Decides an intent's next step from its journaled state alone (plus the market of the moment), so the same state
/// after a crash leads to the same step. No actor, no I/O: the actor journals and sends what it returns.
/// </summary>
public static class IntentPlanner
{
    /// <summary>Attempts of a cancel intent before its outcome is left to the reconciler.</summary>
    public const int MaxCancelAttempts = 3;

    /// <summary>The next step of a working intent; <paramref name="sliceDue"/> says a TWAP slice may go now.</summary>
    public static IntentStep Next(IntentData data, IntentMarketView market, bool sliceDue, bool anyInFlight)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(market);
        if (data.Status != IntentStatus.Working || anyInFlight || data.Legs.Any(l => l.IsUnknown))
        {
            return IntentStep.Wait.Instance;
        }

        return data.Spec switch
        {
            OrderIntentSpec.Trade trade => NextTrade(data, trade, market, sliceDue),
            OrderIntentSpec.Stop stop when data.Legs.Count == 0 => market.Market == Market.Futures
                ? new IntentStep.PlaceConditional(IntentLegs.Stop, stop.Side, stop.Quantity, stop.TriggerPrice, TakeProfit: false, stop.ClosePosition)
                : new IntentStep.PlaceOrder(IntentLegs.Stop, LegKind.SpotStop, stop.Side, stop.Quantity, stop.TriggerPrice),
            OrderIntentSpec.TakeProfit takeProfit when data.Legs.Count == 0 =>
                new IntentStep.PlaceConditional(IntentLegs.TakeProfit, takeProfit.Side, takeProfit.Quantity, takeProfit.TriggerPrice, TakeProfit: true, ClosePosition: false),
            OrderIntentSpec.TrailingStop trailing when data.Legs.Count == 0 => market.Market == Market.Futures
                ? new IntentStep.PlaceTrailingStop(IntentLegs.TrailingStop, trailing.Side, trailing.Quantity, trailing.CallbackRatePercent, trailing.ActivationPrice)
                : new IntentStep.Finish(IntentStatus.Failed, "a trailing stop order needs a futures market"),
            OrderIntentSpec.Bracket bracket when data.Legs.Count == 0 => new IntentStep.PlaceOco(bracket.Quantity, bracket.TakeProfitPrice, bracket.StopPrice),

            // Only a crash brings a cancel back here with a leg already sent: repeating a cancel is harmless (a second
            // one answers "unknown order", which completes the intent), so it is sent again rather than failed.
            OrderIntentSpec.Cancel when data.Legs.Count >= MaxCancelAttempts =>
                new IntentStep.Finish(IntentStatus.Unresolved, "cancel outcome unknown after every attempt"),
            OrderIntentSpec.Cancel cancel =>
                new IntentStep.CancelOrder(data.Legs.Count == 0 ? IntentLegs.Cancel : $"{IntentLegs.Cancel}{data.Legs.Count + 1}", cancel.Target, cancel.Conditional),
            _ => IntentStep.Wait.Instance,
        };
    }

    /// <summary>
    /// After a crash: the cancels of the intent's own legs that were journaled but never answered. Each may or may not
    /// have reached the exchange, so its attempt ends (else it would block every later cancel and step for good), and
    /// its target, if still working, is asked about and cancelled again only once the answer shows it open.
    /// A cancel intent's own legs are not among them: its planner repeats the cancel itself.
    /// </summary>
    public static IReadOnlyList<LegData> UnansweredCancels(IntentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Spec is OrderIntentSpec.Cancel ? [] : data.Legs.Where(l => l.Kind == LegKind.Cancel && !l.IsTerminal).ToList();
    }

    /// <summary>What follows a leg's progress: a stop order that rests protects; an armed intent may be done.</summary>
    public static IntentStep AfterProgress(IntentData data, LegData leg)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.Kind is LegKind.ConditionalStop or LegKind.SpotStop && leg.Protection is null && !leg.IsTerminal)
        {
            var kind = data.Spec switch
            {
                OrderIntentSpec.TakeProfit => ProtectionKind.TakeProfit,
                OrderIntentSpec.TrailingStop => ProtectionKind.TrailingStop,
                _ => ProtectionKind.Stop,
            };
            return new IntentStep.Establish(leg.Leg, kind, leg.Price ?? 0m);
        }

        return data.Status == IntentStatus.Armed ? AfterArmedProgress(data, leg) : IntentStep.Continue.Instance;
    }

    /// <summary>An armed intent is done once its protection filled, or every protective order ended.</summary>
    public static IntentStep AfterArmedProgress(IntentData data, LegData leg)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.Status == OrderStatus.Filled)
        {
            return new IntentStep.Finish(IntentStatus.Completed, $"{leg.Leg} filled");
        }

        return data.Legs.Where(l => l.Protection is not null || l.Kind == LegKind.Oco).All(l => l.IsTerminal) && data.Leg(IntentLegs.GuardExit) is null
            ? new IntentStep.Finish(IntentStatus.Completed, "protection ended")
            : IntentStep.Wait.Instance;
    }

    /// <summary>What follows the venue refusing a leg.</summary>
    public static IntentStep AfterRejection(IntentData data, LegData leg)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(leg);
        switch (data.Spec)
        {
            case OrderIntentSpec.Stop or OrderIntentSpec.Bracket when leg.RejectCode == ExchangeErrorCodes.OrderDoesNotExist:
                // Never placed (a crash kept it from the exchange): nothing says the symbol cannot hold a stop, so the
                // stop fails and its position places it again.
                return new IntentStep.Finish(IntentStatus.Failed, LastRejection(data)!);
            case OrderIntentSpec.Stop stop when leg.Kind == LegKind.SpotStop:
                // The symbol cannot hold a stop order: the node holds it instead.
                return new IntentStep.ArmGuard(stop.Quantity, stop.TriggerPrice, $"stop order refused ({leg.RejectCode})");
            case OrderIntentSpec.Bracket bracket when leg.Leg == IntentLegs.Stop:
                return new IntentStep.ArmGuard(bracket.Quantity, bracket.StopPrice, $"stop order refused ({leg.RejectCode})");
            case OrderIntentSpec.Bracket bracket when leg.Leg == IntentLegs.Oco:
                return new IntentStep.ReplaceOcoWithStop(bracket.Quantity, bracket.StopPrice);
            case OrderIntentSpec.Cancel when leg.RejectCode == ExchangeErrorCodes.UnknownOrderSent:
                return new IntentStep.Finish(IntentStatus.Completed, "nothing to cancel");
            case OrderIntentSpec.Trade when leg.Leg == IntentLegs.Maker || leg.Leg.StartsWith('c'):
                // A maker refused as a taker, or a chase that missed: the policy goes on.
                return IntentStep.Continue.Instance;
            case OrderIntentSpec.Trade:
                return new IntentStep.Finish(FinishStatus(data), LastRejection(data)!);
            default:
                return new IntentStep.Finish(IntentStatus.Failed, LastRejection(data)!);
        }
    }

    /// <summary>
    /// A guard stop, or the local take profit of a bracket without an OCO, fires on the bid: a resting stop locks the
    /// balance the market sell needs, so it is cancelled first (if it filled meanwhile, that ends the intent).
    /// </summary>
    public static IntentStep OnPrice(IntentData data, decimal bid, bool anyInFlight)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Status != IntentStatus.Armed || data.Leg(IntentLegs.GuardExit) is not null || anyInFlight)
        {
            return IntentStep.Wait.Instance;
        }

        var (stop, takeProfit) = data.Spec switch
        {
            OrderIntentSpec.Stop s => (s.TriggerPrice, (decimal?)null),
            OrderIntentSpec.Bracket b => (b.StopPrice, data.Legs.Any(l => l.Kind == LegKind.Oco && !l.IsTerminal) ? null : b.TakeProfitPrice),
            _ => (0m, (decimal?)null),
        };
        var stopCrossed = data.Leg(IntentLegs.Guard) is { IsTerminal: false } && bid <= stop;
        var takeProfitCrossed = takeProfit is { } target && bid >= target;
        if (!stopCrossed && !takeProfitCrossed)
        {
            return IntentStep.Wait.Instance;
        }

        return data.Leg(IntentLegs.Stop) is { IsTerminal: false } ? new IntentStep.CancelLeg(IntentLegs.Stop, ThenExit: true) : GuardExit(data);
    }

    /// <summary>The market sell of a guard (or local take profit) that fired; sent once.</summary>
    public static IntentStep GuardExit(IntentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Status != IntentStatus.Armed || data.Leg(IntentLegs.GuardExit) is not null)
        {
            return IntentStep.Wait.Instance;
        }

        var quantity = data.Spec switch
        {
            OrderIntentSpec.Stop s => s.Quantity,
            OrderIntentSpec.Bracket b => b.Quantity,
            _ => 0m,
        };
        return new IntentStep.PlaceOrder(IntentLegs.GuardExit, LegKind.Market, OrderSide.Sell, quantity, null);
    }

    /// <summary>Completed if anything executed (or a cancel intent's cancels all ended), otherwise failed.</summary>
    public static IntentStatus FinishStatus(IntentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.FilledQuantity > 0m || data.Spec is OrderIntentSpec.Cancel && data.Legs.All(l => l.IsTerminal)
            ? IntentStatus.Completed
            : IntentStatus.Failed;
    }

    /// <summary>The last refusal, as a reason.</summary>
    public static string? LastRejection(IntentData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Legs.LastOrDefault(l => l.RejectCode is not null) is { } rejected ? $"rejected {rejected.RejectCode}: {rejected.RejectMessage}" : null;
    }

    private static IntentStep NextTrade(IntentData data, OrderIntentSpec.Trade trade, IntentMarketView market, bool sliceDue)
    {
        if (data.Legs.Any(l => !l.IsTerminal))
        {
            return IntentStep.Wait.Instance;
        }

        var remaining = trade.Quantity - data.FilledQuantity;
        var done = remaining <= 0m || remaining < market.MinQuantity;
        var reduceOnly = trade.ReduceOnly && market.Market == Market.Futures;
        switch (trade.Policy)
        {
            case ExecutionPolicy.Market:
                return data.Legs.Count == 0
                    ? new IntentStep.PlaceOrder(IntentLegs.Market, LegKind.Market, trade.Side, remaining, null, reduceOnly)
                    : Finish(data, "market order done");

            case ExecutionPolicy.PostOnly:
                if (data.Legs.Count == 0 && market.Quote is { } quote)
                {
                    return new IntentStep.PlaceOrder(
                        IntentLegs.PostOnly, LegKind.PostOnly, trade.Side, remaining, ExecutionMath.MakerPrice(trade.Side, quote.Bid, quote.Ask), reduceOnly);
                }

                return Finish(data, data.Legs.Count == 0 ? "no quote to price a maker order" : "post-only order done");

            case ExecutionPolicy.MakerThenTaker makerThenTaker:
                if (data.Legs.Count == 0 && market.Quote is { } makerQuote)
                {
                    return new IntentStep.PlaceOrder(
                        IntentLegs.Maker, LegKind.PostOnly, trade.Side, remaining, ExecutionMath.MakerPrice(trade.Side, makerQuote.Bid, makerQuote.Ask), reduceOnly)
                    {
                        MakerWindow = makerThenTaker.Window,
                    };
                }

                if (done)
                {
                    return new IntentStep.Finish(FinishStatus(data), "filled as maker");
                }

                if (makerThenTaker.Fallback is ExecutionPolicy.Twap fallbackTwap)
                {
                    var makerFilled = data.Legs.Where(l => !l.Leg.StartsWith('f')).Sum(l => l.ExecutedQuantity);
                    return NextSlice(data, trade, "f", trade.Quantity - makerFilled, fallbackTwap, market, sliceDue, reduceOnly);
                }

                return data.Leg(IntentLegs.FallbackMarket) is null
                    ? new IntentStep.PlaceOrder(IntentLegs.FallbackMarket, LegKind.Market, trade.Side, remaining, null, reduceOnly)
                    : Finish(data, "maker then taker done");

            case ExecutionPolicy.Twap twap:
                return NextSlice(data, trade, "t", trade.Quantity, twap, market, sliceDue, reduceOnly);

            case ExecutionPolicy.PriceChase chase:
                var chases = data.Legs.Count(l => l.Leg.StartsWith('c') && l.Leg != IntentLegs.ChaseMarket);
                if (done)
                {
                    return new IntentStep.Finish(FinishStatus(data), "filled by chasing");
                }

                if (data.Leg(IntentLegs.ChaseMarket) is not null)
                {
                    return Finish(data, "chased, then market");
                }

                if (chases < chase.Attempts && market.Quote is { } chaseQuote)
                {
                    var price = ExecutionMath.ChasePrice(trade.Side, chaseQuote.Bid, chaseQuote.Ask, market.TickSize);
                    return new IntentStep.PlaceOrder($"c{chases + 1}", chase.FillOrKill ? LegKind.FillOrKill : LegKind.ImmediateOrCancel, trade.Side, remaining, price, reduceOnly);
                }

                return new IntentStep.PlaceOrder(IntentLegs.ChaseMarket, LegKind.Market, trade.Side, remaining, null, reduceOnly);

            default:
                return IntentStep.Wait.Instance;
        }
    }

    private static IntentStep NextSlice(
        IntentData data, OrderIntentSpec.Trade trade, string prefix, decimal total, ExecutionPolicy.Twap twap, IntentMarketView market, bool sliceDue, bool reduceOnly)
    {
        var slices = ExecutionMath.TwapSlices(total, twap.Slices, market.Rules);
        var sent = data.Legs.Where(l => l.Leg.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiDigit(l.Leg[^1])).ToList();
        var filledHere = sent.Sum(l => l.ExecutedQuantity);
        if (sent.Count >= slices.Count || sent.Any(l => l.RejectCode is not null) || filledHere >= total)
        {
            return Finish(data, $"{sent.Count} TWAP slices done");
        }

        if (!sliceDue)
        {
            return IntentStep.Wait.Instance;
        }

        // The last slice takes whatever earlier slices left unfilled.
        var quantity = sent.Count == slices.Count - 1 ? total - filledHere : slices[sent.Count];
        return new IntentStep.PlaceOrder($"{prefix}{sent.Count + 1}", LegKind.Market, trade.Side, quantity, null, reduceOnly) { NextSliceIn = twap.Interval };
    }

    private static IntentStep.Finish Finish(IntentData data, string reason) => new(FinishStatus(data), LastRejection(data) ?? reason);
}
