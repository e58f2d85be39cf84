using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

public sealed partial class OrderIntent
{
    private const string MakerLeg = "mk";
    private const string GuardExitLeg = "gm";
    private const string StopLeg = "sl";
    private const string OcoLeg = "oco";
    private const string OcoTakeProfitLeg = "octp";
    private const string OcoStopLeg = "ocsl";
    private const string GuardLeg = "gs";
    private const string SettleTimer = "settle-trades";
    private const int MaxCancelAttempts = 3;

    private void DriveTrade(OrderIntentSpec.Trade trade)
    {
        if (_data.Legs.Any(l => !l.IsTerminal))
        {
            return;
        }

        var remaining = trade.Quantity - _data.FilledQuantity;
        var done = remaining <= 0m || remaining < _market.MinQuantity(Symbol);
        switch (trade.Policy)
        {
            case ExecutionPolicy.Market:
                if (_data.Legs.Count == 0)
                {
                    SendMarket("m1", trade, remaining);
                }
                else
                {
                    Finish(LastRejection() ?? "market order done");
                }

                break;

            case ExecutionPolicy.PostOnly:
                if (_data.Legs.Count == 0 && TryMakerPrice(trade.Side, out var price))
                {
                    SendLimit("p1", LegKind.PostOnly, trade, remaining, price);
                }
                else
                {
                    Finish(LastRejection() ?? (_data.Legs.Count == 0 ? "no quote to price a maker order" : "post-only order done"));
                }

                break;

            case ExecutionPolicy.MakerThenTaker makerThenTaker:
                if (_data.Legs.Count == 0 && TryMakerPrice(trade.Side, out var makerPrice))
                {
                    SendLimit(MakerLeg, LegKind.PostOnly, trade, remaining, makerPrice);
                    Timers.StartSingleTimer(MakerLeg, new MakerWindowElapsed(), makerThenTaker.Window);
                }
                else if (done)
                {
                    Finish("filled as maker");
                }
                else
                {
                    DriveFallback(trade, makerThenTaker.Fallback, remaining);
                }

                break;

            case ExecutionPolicy.Twap twap:
                DriveTwap(trade, "t", trade.Quantity, twap);
                break;

            case ExecutionPolicy.PriceChase chase:
                DriveChase(trade, chase, remaining, done);
                break;
        }
    }

    private void DriveFallback(OrderIntentSpec.Trade trade, ExecutionPolicy fallback, decimal remaining)
    {
        switch (fallback)
        {
            case ExecutionPolicy.Twap twap:
                var makerFilled = _data.Legs.Where(l => !l.Leg.StartsWith('f')).Sum(l => l.ExecutedQuantity);
                DriveTwap(trade, "f", trade.Quantity - makerFilled, twap);
                break;
            default:
                if (_data.Leg("fm") is null)
                {
                    SendMarket("fm", trade, remaining);
                }
                else
                {
                    Finish(LastRejection() ?? "maker then taker done");
                }

                break;
        }
    }

    private void DriveTwap(OrderIntentSpec.Trade trade, string prefix, decimal total, ExecutionPolicy.Twap twap)
    {
        var slices = ExecutionMath.TwapSlices(total, twap.Slices, _market.Rules.GetValueOrDefault(Symbol) ?? UnknownRules());
        var sent = _data.Legs.Where(l => l.Leg.StartsWith(prefix, StringComparison.Ordinal) && char.IsAsciiDigit(l.Leg[^1])).ToList();
        var filledHere = sent.Sum(l => l.ExecutedQuantity);
        if (sent.Count >= slices.Count || sent.Any(l => l.RejectCode is not null) || filledHere >= total)
        {
            Finish(LastRejection() ?? $"{sent.Count} TWAP slices done");
            return;
        }

        if (!_sliceDue)
        {
            return;
        }

        // The last slice takes whatever earlier slices left unfilled.
        var quantity = sent.Count == slices.Count - 1 ? total - filledHere : slices[sent.Count];
        _sliceDue = false;
        SendMarket($"{prefix}{sent.Count + 1}", trade, quantity);
        Timers.StartSingleTimer("twap", new SliceDue(), twap.Interval);
    }

    private void DriveChase(OrderIntentSpec.Trade trade, ExecutionPolicy.PriceChase chase, decimal remaining, bool done)
    {
        var chases = _data.Legs.Count(l => l.Leg.StartsWith('c') && l.Leg != "cm");
        if (done)
        {
            Finish("filled by chasing");
        }
        else if (_data.Leg("cm") is not null)
        {
            Finish(LastRejection() ?? "chased, then market");
        }
        else if (chases < chase.Attempts && _market.Quotes.TryGet(Symbol, out var quote))
        {
            var price = ExecutionMath.ChasePrice(trade.Side, quote.Bid, quote.Ask, _market.TickSize(Symbol));
            SendLimit($"c{chases + 1}", chase.FillOrKill ? LegKind.FillOrKill : LegKind.ImmediateOrCancel, trade, remaining, price);
        }
        else
        {
            SendMarket("cm", trade, remaining);
        }
    }

    private void DriveStop(OrderIntentSpec.Stop stop)
    {
        if (_data.Legs.Count > 0)
        {
            return;
        }

        if (_market.Futures is { } futures)
        {
            Send(StopLeg, LegKind.ConditionalStop, stop.Side, stop.Quantity, stop.TriggerPrice, id => Box(futures.PlaceConditionalOrderAsync(
                stop.ClosePosition
                    ? ConditionalOrderRequest.StopMarketClosePosition(Symbol, id, stop.Side, stop.TriggerPrice)
                    : ConditionalOrderRequest.StopMarketReduceOnly(Symbol, id, stop.Side, stop.Quantity, stop.TriggerPrice))));
        }
        else
        {
            SendSpotStop(stop.Side, stop.Quantity, stop.TriggerPrice);
        }
    }

    private void DriveTakeProfit(OrderIntentSpec.TakeProfit takeProfit)
    {
        if (_data.Legs.Count > 0)
        {
            return;
        }

        var futures = _market.Futures ?? throw new InvalidOperationException("A take-profit algo order needs a futures market.");
        Send("tp", LegKind.ConditionalStop, takeProfit.Side, takeProfit.Quantity, takeProfit.TriggerPrice, id => Box(futures.PlaceConditionalOrderAsync(
            ConditionalOrderRequest.TakeProfitMarketReduceOnly(Symbol, id, takeProfit.Side, takeProfit.Quantity, takeProfit.TriggerPrice))));
    }

    private void DriveBracket(OrderIntentSpec.Bracket bracket)
    {
        if (_data.Legs.Count > 0)
        {
            return;
        }

        var spot = _market.Spot ?? throw new InvalidOperationException("A bracket (OCO) needs a spot market.");
        var takeProfitId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, OcoTakeProfitLeg);
        var stopId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, OcoStopLeg);

        // The list's two orders are journaled with it, so their stream updates are recognised after a crash too.
        Apply(new OrderSending(OcoTakeProfitLeg, takeProfitId, LegKind.Oco, OrderSide.Sell, bracket.Quantity, bracket.TakeProfitPrice, Now));
        Apply(new OrderSending(OcoStopLeg, stopId, LegKind.Oco, OrderSide.Sell, bracket.Quantity, bracket.StopPrice, Now));
        Send(OcoLeg, LegKind.Oco, OrderSide.Sell, bracket.Quantity, bracket.StopPrice, id => Box(spot.PlaceOcoAsync(new OcoOrderRequest
        {
            Symbol = Symbol, ListClientOrderId = id, Side = OrderSide.Sell, Quantity = bracket.Quantity,
            TakeProfitPrice = bracket.TakeProfitPrice, StopPrice = bracket.StopPrice,
            TakeProfitClientOrderId = takeProfitId, StopClientOrderId = stopId,
        })));
    }

    private void DriveCancel(OrderIntentSpec.Cancel cancel)
    {
        // Only a crash brings a cancel back here with a leg already sent: repeating a cancel is harmless (a second
        // one answers "unknown order", which completes the intent), so it is sent again rather than failed.
        if (_data.Legs.Count >= MaxCancelAttempts)
        {
            FinishAs(IntentStatus.Unresolved, "cancel outcome unknown after every attempt");
            return;
        }

        Send(_data.Legs.Count == 0 ? "cx" : $"cx{_data.Legs.Count + 1}", LegKind.Cancel, OrderSide.Sell, 0m, null, _ => cancel.Conditional
            ? Box(_market.Futures!.CancelConditionalOrderAsync(Symbol, cancel.Target))
            : Box(_market.Exchange.CancelOrderAsync(Symbol, cancel.Target)));
    }

    private void SendMarket(string leg, OrderIntentSpec.Trade trade, decimal quantity) =>
        Send(leg, LegKind.Market, trade.Side, quantity, null, id => Box(_market.Exchange.PlaceOrderAsync(
            OrderRequest.MarketOrder(Symbol, id, trade.Side, quantity, ReduceOnly(trade)))));

    private void SendLimit(string leg, LegKind kind, OrderIntentSpec.Trade trade, decimal quantity, decimal price) =>
        Send(leg, kind, trade.Side, quantity, price, id => Box(_market.Exchange.PlaceOrderAsync(kind switch
        {
            LegKind.PostOnly => OrderRequest.PostOnly(Symbol, id, trade.Side, quantity, price, ReduceOnly(trade)),
            LegKind.FillOrKill => OrderRequest.FillOrKill(Symbol, id, trade.Side, quantity, price, ReduceOnly(trade)),
            _ => OrderRequest.ImmediateOrCancel(Symbol, id, trade.Side, quantity, price, ReduceOnly(trade)),
        })));

    private void SendSpotStop(OrderSide side, decimal quantity, decimal triggerPrice) =>
        Send(StopLeg, LegKind.SpotStop, side, quantity, triggerPrice, id => Box(_market.Exchange.PlaceOrderAsync(new OrderRequest
        {
            Symbol = Symbol, ClientOrderId = id, Side = side, Type = OrderType.StopLoss, Quantity = quantity, StopPrice = triggerPrice,
        })));

    private bool ReduceOnly(OrderIntentSpec.Trade trade) => trade.ReduceOnly && _market.Market == Market.Futures;

    private bool TryMakerPrice(OrderSide side, out decimal price)
    {
        price = 0m;
        if (!_market.Quotes.TryGet(Symbol, out var quote))
        {
            return false;
        }

        price = ExecutionMath.MakerPrice(side, quote.Bid, quote.Ask);
        return true;
    }

    private string? LastRejection() =>
        _data.Legs.LastOrDefault(l => l.RejectCode is not null) is { } rejected ? $"rejected {rejected.RejectCode}: {rejected.RejectMessage}" : null;

    private SymbolRules UnknownRules() => new() { Market = _market.Market, Symbol = Symbol, BaseAsset = string.Empty, QuoteAsset = string.Empty };

    private void AfterProgress(string legName)
    {
        var leg = _data.Leg(legName)!;
        if (leg.Kind is LegKind.ConditionalStop or LegKind.SpotStop && leg.Protection is null && !leg.IsTerminal)
        {
            Establish(leg, _data.Spec is OrderIntentSpec.TakeProfit ? ProtectionKind.TakeProfit : ProtectionKind.Stop, leg.Price ?? 0m);
            return;
        }

        if (_data.Status == IntentStatus.Armed)
        {
            AfterArmedProgress(leg);
            return;
        }

        Drive();
    }

    private void AfterArmedProgress(LegData leg)
    {
        if (leg.Status == OrderStatus.Filled)
        {
            FinishAs(IntentStatus.Completed, $"{leg.Leg} filled");
        }
        else if (_data.Legs.Where(l => l.Protection is not null || l.Kind == LegKind.Oco).All(l => l.IsTerminal)
                 && _data.Leg(GuardExitLeg) is null)
        {
            FinishAs(IntentStatus.Completed, "protection ended");
        }
    }

    private void AfterRejection(LegData leg)
    {
        switch (_data.Spec)
        {
            case OrderIntentSpec.Stop when leg.Kind == LegKind.SpotStop:
            case OrderIntentSpec.Bracket when leg.Leg == StopLeg:
                // The symbol cannot hold a stop order: the node holds it instead.
                EstablishGuard(reason: $"stop order refused ({leg.RejectCode})");
                break;
            case OrderIntentSpec.Bracket when leg.Leg == OcoLeg:
                Log.Info("OCO refused for {Symbol} ({Code} {Message}); placing a separate stop", Symbol, leg.RejectCode, leg.RejectMessage);
                Apply(new OrderProgressed(OcoTakeProfitLeg, OrderStatus.Rejected, 0m, 0m, 0m, Now));
                Apply(new OrderProgressed(OcoStopLeg, OrderStatus.Rejected, 0m, 0m, 0m, Now), () =>
                {
                    var bracket = (OrderIntentSpec.Bracket)_data.Spec!;
                    SendSpotStop(OrderSide.Sell, bracket.Quantity, bracket.StopPrice);
                });
                break;
            case OrderIntentSpec.Cancel when leg.RejectCode == ExchangeErrorCodes.UnknownOrderSent:
                FinishAs(IntentStatus.Completed, "nothing to cancel");
                break;
            case OrderIntentSpec.Trade when leg.Leg == MakerLeg || leg.Leg.StartsWith('c'):
                Drive();
                break;
            case OrderIntentSpec.Trade:
                Finish(LastRejection()!);
                break;
            default:
                FinishAs(IntentStatus.Failed, LastRejection()!);
                break;
        }
    }

    private void OnAlgoSnapshot(LegData leg, AlgoOrderSnapshot order)
    {
        var status = order.Status switch
        {
            AlgoOrderStatus.Finished or AlgoOrderStatus.Triggered => OrderStatus.Filled,
            AlgoOrderStatus.Canceled => OrderStatus.Canceled,
            AlgoOrderStatus.Rejected => OrderStatus.Rejected,
            AlgoOrderStatus.Expired => OrderStatus.Expired,
            _ => OrderStatus.New,
        };
        var executed = status == OrderStatus.Filled ? leg.Quantity : 0m;
        // The trigger price is provisional: the trades of the order the trigger created settle the real one.
        Progress(leg, status, executed, status == OrderStatus.Filled ? order.TriggerPrice : 0m, order.TriggeredOrderId);
    }

    private void OnListAccepted(LegData leg, OrderListSnapshot list)
    {
        if (leg.Protection is null)
        {
            Apply(new OrderProgressed(leg.Leg, OrderStatus.New, 0m, 0m, 0m, Now), () => Establish(_data.Leg(leg.Leg)!, ProtectionKind.Oco, leg.Price ?? 0m));
        }
    }

    private void Establish(LegData leg, ProtectionKind kind, decimal trigger)
    {
        Apply(new ProtectionEstablished(leg.Leg, kind, trigger, Now), () =>
        {
            if (_data.Spec is OrderIntentSpec.Bracket)
            {
                // The take profit of a bracket without an OCO is watched here.
                WatchQuotes();
            }
        });
    }

    private void EstablishGuard(string reason)
    {
        var (quantity, trigger) = _data.Spec switch
        {
            OrderIntentSpec.Stop s => (s.Quantity, s.TriggerPrice),
            OrderIntentSpec.Bracket b => (b.Quantity, b.StopPrice),
            _ => throw new InvalidOperationException("Only stops and brackets have guard stops."),
        };
        Log.Warning("Guard stop armed for {Symbol} at {Trigger}: {Reason}", Symbol, trigger, reason);
        var guardId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, GuardLeg);
        Apply(new OrderSending(GuardLeg, guardId, LegKind.GuardStop, OrderSide.Sell, quantity, trigger, Now));
        Apply(new OrderProgressed(GuardLeg, OrderStatus.New, 0m, 0m, 0m, Now));
        Apply(new ProtectionEstablished(GuardLeg, ProtectionKind.GuardStop, trigger, Now),
            () => WatchQuotes());
    }

    /// <summary>A guard stop, or the local take profit of a bracket, fires on the live price.</summary>
    private void OnQuote(BookTicker ticker)
    {
        if (ticker.Symbol != Symbol || ticker.Market != _market.Market || _data.Status != IntentStatus.Armed || _data.Leg(GuardExitLeg) is not null || _inFlight.Count > 0)
        {
            return;
        }

        var (stop, takeProfit) = _data.Spec switch
        {
            OrderIntentSpec.Stop s => (s.TriggerPrice, (decimal?)null),
            OrderIntentSpec.Bracket b => (b.StopPrice, _data.Legs.Any(l => l.Kind == LegKind.Oco && !l.IsTerminal) ? null : b.TakeProfitPrice),
            _ => (0m, (decimal?)null),
        };
        var guard = _data.Leg(GuardLeg);
        var stopCrossed = guard is not null && !guard.IsTerminal && ticker.BidPrice <= stop;
        var takeProfitCrossed = takeProfit is { } target && ticker.BidPrice >= target;
        if (!stopCrossed && !takeProfitCrossed)
        {
            return;
        }

        Log.Info("{Kind} crossed for {Symbol} at bid {Bid}; selling at market", stopCrossed ? "Guard stop" : "Take profit", Symbol, ticker.BidPrice);
        if (_data.Leg(StopLeg) is { IsTerminal: false } restingStop)
        {
            // The resting stop locks the balance the market sell needs: cancel it first (if it filled meanwhile, that ends the intent).
            _exitAfterCancel = true;
            SendCancel(restingStop);
            return;
        }

        SendGuardExit();
    }

    private void SendGuardExit()
    {
        if (_data.Status != IntentStatus.Armed || _data.Leg(GuardExitLeg) is not null)
        {
            return;
        }

        var quantity = _data.Spec switch
        {
            OrderIntentSpec.Stop s => s.Quantity,
            OrderIntentSpec.Bracket b => b.Quantity,
            _ => 0m,
        };
        Send(GuardExitLeg, LegKind.Market, OrderSide.Sell, quantity, null, id => Box(_market.Exchange.PlaceOrderAsync(
            OrderRequest.MarketOrder(Symbol, id, OrderSide.Sell, quantity))));
    }

    private void OnMakerWindowElapsed()
    {
        if (_data.Leg(MakerLeg) is { IsTerminal: false } maker)
        {
            SendCancel(maker);
        }
    }

    /// <summary>Cancels one of our legs under a fresh cancel leg (<c>{leg}x</c>, <c>{leg}xx</c>, ...), one at a time.</summary>
    private void SendCancel(LegData target)
    {
        var attempts = _data.Legs.Where(l => l.Kind == LegKind.Cancel && l.Leg.TrimEnd('x') == target.Leg).ToList();
        if (attempts.Any(l => !l.IsTerminal || _inFlight.Contains(l.Leg)))
        {
            return;
        }

        var name = target.Leg + new string('x', attempts.Count + 1);
        if (name.Length > Domain.ClientOrderIds.MaxLegLength)
        {
            Log.Warning("Intent {Intent}: cancelling leg {Leg} failed {Count} times; leaving it to the reconciler", Id, target.Leg, attempts.Count);
            FinishAs(IntentStatus.Unresolved, $"cannot cancel leg {target.Leg}");
            return;
        }

        Send(name, LegKind.Cancel, target.Side, 0m, null, _ => target.Kind switch
        {
            LegKind.ConditionalStop => Box(_market.Futures!.CancelConditionalOrderAsync(Symbol, target.ClientOrderId)),
            LegKind.Oco when target.Leg == OcoLeg => Box(_market.Spot!.CancelOrderListAsync(Symbol, target.ClientOrderId)),
            _ => Box(_market.Exchange.CancelOrderAsync(Symbol, target.ClientOrderId)),
        });
    }

    private void OnCancelRequested()
    {
        if (_data.IsTerminal || _data.Status == IntentStatus.New)
        {
            Sender.Tell(IntentProtocol.IntentReport.From(_data));
            return;
        }

        var resting = _data.Legs.Where(l => !l.IsTerminal && l.Kind is not LegKind.Cancel).ToList();
        foreach (var leg in resting.Where(l => l.Kind != LegKind.GuardStop && l.Leg != OcoTakeProfitLeg && l.Leg != OcoStopLeg))
        {
            SendCancel(leg);
        }

        if (_data.Leg(GuardLeg) is { IsTerminal: false })
        {
            Apply(new OrderProgressed(GuardLeg, OrderStatus.Canceled, 0m, 0m, 0m, Now), () => AfterArmedProgress(_data.Leg(GuardLeg)!));
        }

        Sender.Tell(IntentProtocol.IntentReport.From(_data));
    }

    private void FinishAs(IntentStatus status, string reason) => Conclude(status, reason);
}
