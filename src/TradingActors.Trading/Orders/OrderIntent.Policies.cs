using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>Carrying out the steps <see cref="IntentPlanner"/> decides.</summary>
public sealed partial class OrderIntent
{
    private const string SettleTimer = "settle-trades";

    private IntentMarketView MarketView => MarketViewOf(Symbol);

    private IntentMarketView MarketViewOf(Symbol symbol) => new(
        _market.Market,
        _market.Quotes.TryGet(symbol, out var quote) ? quote : null,
        _market.Rules.GetValueOrDefault(symbol) ?? new SymbolRules { Market = _market.Market, Symbol = symbol, BaseAsset = string.Empty, QuoteAsset = string.Empty });

    /// <summary>Decides the next step from the journaled state; called after every change.</summary>
    private void Drive() => Carry(IntentPlanner.Next(_data, MarketView, _sliceDue, _inFlight.Count > 0));

    private void Carry(IntentStep step)
    {
        switch (step)
        {
            case IntentStep.Wait:
                break;
            case IntentStep.Continue:
                Drive();
                break;
            case IntentStep.PlaceOrder order:
                Place(order);
                break;
            case IntentStep.PlaceConditional conditional:
                PlaceConditional(conditional);
                break;
            case IntentStep.PlaceTrailingStop trailing:
                PlaceTrailingStop(trailing);
                break;
            case IntentStep.PlaceOco oco:
                PlaceOco(oco);
                break;
            case IntentStep.CancelOrder cancel:
                Send(cancel.Leg, LegKind.Cancel, OrderSide.Sell, 0m, null, _ => cancel.Conditional
                    ? Box(_market.Futures!.CancelConditionalOrderAsync(Symbol, cancel.Target))
                    : Box(_market.Exchange.CancelOrderAsync(Symbol, cancel.Target)));
                break;
            case IntentStep.CancelLeg cancel:
                _exitAfterCancel |= cancel.ThenExit;
                SendCancel(_data.Leg(cancel.Leg)!);
                break;
            case IntentStep.Establish establish:
                Apply(new ProtectionEstablished(establish.Leg, establish.Kind, establish.TriggerPrice, Now), () =>
                {
                    if (_data.Spec is OrderIntentSpec.Bracket)
                    {
                        // The take profit of a bracket without an OCO is watched here.
                        WatchQuotes();
                    }
                });
                break;
            case IntentStep.ArmGuard guard:
                ArmGuard(guard);
                break;
            case IntentStep.ReplaceOcoWithStop replace:
                Log.Info("OCO refused for {Symbol} ({Reason}); placing a separate stop", Symbol, IntentPlanner.LastRejection(_data));
                Apply(new OrderProgressed(IntentLegs.OcoTakeProfit, OrderStatus.Rejected, 0m, 0m, 0m, Now));
                Apply(new OrderProgressed(IntentLegs.OcoStop, OrderStatus.Rejected, 0m, 0m, 0m, Now), () =>
                    Place(new IntentStep.PlaceOrder(IntentLegs.Stop, LegKind.SpotStop, OrderSide.Sell, replace.Quantity, replace.StopPrice)));
                break;
            case IntentStep.Finish finish:
                Conclude(finish.Status, finish.Reason);
                break;
        }
    }

    /// <param name="submitted">The intent's state when the order is journaled with its submission (see <c>OnSubmit</c>).</param>
    private void Place(IntentStep.PlaceOrder order, IntentData? submitted = null)
    {
        if (order.MakerWindow is { } window)
        {
            Timers.StartSingleTimer(IntentLegs.Maker, new MakerWindowElapsed(), window);
        }

        if (order.NextSliceIn is { } interval)
        {
            _sliceDue = false;
            Timers.StartSingleTimer("twap", new SliceDue(), interval);
        }

        var (leg, kind, side, quantity, price, reduceOnly) = (order.Leg, order.Kind, order.Side, order.Quantity, order.Price, order.ReduceOnly);
        Send(leg, kind, side, quantity, price, id => Box(_market.Exchange.PlaceOrderAsync(kind switch
        {
            LegKind.Market => OrderRequest.MarketOrder(Symbol, id, side, quantity, reduceOnly),
            LegKind.PostOnly => OrderRequest.PostOnly(Symbol, id, side, quantity, price!.Value, reduceOnly),
            LegKind.FillOrKill => OrderRequest.FillOrKill(Symbol, id, side, quantity, price!.Value, reduceOnly),
            LegKind.ImmediateOrCancel => OrderRequest.ImmediateOrCancel(Symbol, id, side, quantity, price!.Value, reduceOnly),
            LegKind.SpotStop => new OrderRequest
            {
                Symbol = Symbol, ClientOrderId = id, Side = side, Type = OrderType.StopLoss, Quantity = quantity, StopPrice = price!.Value,
            },
            _ => throw new InvalidOperationException($"A {kind} leg is not a plain order."),
        })), submitted);
    }

    private void PlaceConditional(IntentStep.PlaceConditional order, IntentData? submitted = null)
    {
        var futures = _market.Futures ?? throw new InvalidOperationException("A conditional (algo) order needs a futures market.");
        Send(order.Leg, LegKind.ConditionalStop, order.Side, order.Quantity, order.TriggerPrice, id => Box(futures.PlaceConditionalOrderAsync(
            order.TakeProfit ? ConditionalOrderRequest.TakeProfitMarketReduceOnly(Symbol, id, order.Side, order.Quantity, order.TriggerPrice)
            : order.ClosePosition ? ConditionalOrderRequest.StopMarketClosePosition(Symbol, id, order.Side, order.TriggerPrice)
            : ConditionalOrderRequest.StopMarketReduceOnly(Symbol, id, order.Side, order.Quantity, order.TriggerPrice))), submitted);
    }

    private void PlaceTrailingStop(IntentStep.PlaceTrailingStop order)
    {
        var futures = _market.Futures ?? throw new InvalidOperationException("A trailing stop (algo) order needs a futures market.");
        Send(order.Leg, LegKind.ConditionalStop, order.Side, order.Quantity, order.ActivationPrice, id => Box(futures.PlaceConditionalOrderAsync(
            ConditionalOrderRequest.TrailingStopReduceOnly(Symbol, id, order.Side, order.Quantity, order.CallbackRatePercent, order.ActivationPrice))));
    }

    private void PlaceOco(IntentStep.PlaceOco oco)
    {
        var spot = _market.Spot ?? throw new InvalidOperationException("A bracket (OCO) needs a spot market.");
        var takeProfitId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, IntentLegs.OcoTakeProfit);
        var stopId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, IntentLegs.OcoStop);

        // The list's two orders are journaled with it, so their stream updates are recognised after a crash too.
        Apply(new OrderSending(IntentLegs.OcoTakeProfit, takeProfitId, LegKind.Oco, OrderSide.Sell, oco.Quantity, oco.TakeProfitPrice, Now));
        Apply(new OrderSending(IntentLegs.OcoStop, stopId, LegKind.Oco, OrderSide.Sell, oco.Quantity, oco.StopPrice, Now));
        Send(IntentLegs.Oco, LegKind.Oco, OrderSide.Sell, oco.Quantity, oco.StopPrice, id => Box(spot.PlaceOcoAsync(new OcoOrderRequest
        {
            Symbol = Symbol, ListClientOrderId = id, Side = OrderSide.Sell, Quantity = oco.Quantity,
            TakeProfitPrice = oco.TakeProfitPrice, StopPrice = oco.StopPrice,
            TakeProfitClientOrderId = takeProfitId, StopClientOrderId = stopId,
        })));
    }

    private void ArmGuard(IntentStep.ArmGuard guard)
    {
        Log.Warning("Guard stop armed for {Symbol} at {Trigger}: {Reason}", Symbol, guard.TriggerPrice, guard.Reason);
        var guardId = Domain.ClientOrderIds.Derive(Settings.ClientOrderIdPrefix, Id, IntentLegs.Guard);
        Apply(new OrderSending(IntentLegs.Guard, guardId, LegKind.GuardStop, OrderSide.Sell, guard.Quantity, guard.TriggerPrice, Now));
        Apply(new OrderProgressed(IntentLegs.Guard, OrderStatus.New, 0m, 0m, 0m, Now));
        Apply(new ProtectionEstablished(IntentLegs.Guard, ProtectionKind.GuardStop, guard.TriggerPrice, Now), () => WatchQuotes());
    }

    private void AfterProgress(string legName) => Carry(IntentPlanner.AfterProgress(_data, _data.Leg(legName)!));

    private void AfterArmedProgress(LegData leg) => Carry(IntentPlanner.AfterArmedProgress(_data, leg));

    /// <summary>A guard stop, or the local take profit of a bracket, fires on the live price.</summary>
    private void OnQuote(BookTicker ticker)
    {
        if (ticker.Symbol != Symbol || ticker.Market != _market.Market)
        {
            return;
        }

        var step = IntentPlanner.OnPrice(_data, ticker.BidPrice, _inFlight.Count > 0);
        if (step is not IntentStep.Wait)
        {
            Log.Info("Guard stop or take profit crossed for {Symbol} at bid {Bid}; selling at market", Symbol, ticker.BidPrice);
        }

        Carry(step);
    }

    private void OnMakerWindowElapsed()
    {
        if (_data.Leg(IntentLegs.Maker) is { IsTerminal: false } maker)
        {
            SendCancel(maker);
        }
    }

    /// <summary>Cancels one of our legs under a fresh cancel leg (<c>{leg}x</c>, <c>{leg}xx</c>, ...), one at a time.</summary>
    private void SendCancel(LegData target)
    {
        var attempts = _data.Legs.Where(l => l.Kind == LegKind.Cancel && IntentLegs.TargetOf(l.Leg) == target.Leg).ToList();
        if (attempts.Any(l => !l.IsTerminal || _inFlight.Contains(l.Leg)))
        {
            return;
        }

        var name = target.Leg + new string('x', attempts.Count + 1);
        if (name.Length > Domain.ClientOrderIds.MaxLegLength)
        {
            Log.Warning("Intent {Intent}: cancelling leg {Leg} failed {Count} times; leaving it to the reconciler", Id, target.Leg, attempts.Count);
            Conclude(IntentStatus.Unresolved, $"cannot cancel leg {target.Leg}");
            return;
        }

        Send(name, LegKind.Cancel, target.Side, 0m, null, _ => target.Kind switch
        {
            LegKind.ConditionalStop => Box(_market.Futures!.CancelConditionalOrderAsync(Symbol, target.ClientOrderId)),
            LegKind.Oco when target.Leg == IntentLegs.Oco => Box(_market.Spot!.CancelOrderListAsync(Symbol, target.ClientOrderId)),
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
        foreach (var leg in resting.Where(l => l.Kind != LegKind.GuardStop && l.Leg != IntentLegs.OcoTakeProfit && l.Leg != IntentLegs.OcoStop))
        {
            SendCancel(leg);
        }

        if (_data.Leg(IntentLegs.Guard) is { IsTerminal: false })
        {
            Apply(new OrderProgressed(IntentLegs.Guard, OrderStatus.Canceled, 0m, 0m, 0m, Now), () => AfterArmedProgress(_data.Leg(IntentLegs.Guard)!));
        }

        Sender.Tell(IntentProtocol.IntentReport.From(_data));
    }
}
