using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>Trades: an intent finishes once the trades of every execution are recorded.</summary>
public sealed partial class OrderIntent
{
    /// <summary>
    /// Journals a trade of the leg with its commission valued in the quote asset (<see cref="CommissionValuation"/>).
    /// A commission in a third asset (BNB) is valued at that asset's price: the latest quote if this node follows its
    /// symbol, else the exchange's price ticker, asked now; the intent does not finish while a trade waits for it.
    /// </summary>
    private void RecordFill(LegData leg, Fill fill, Action? then = null)
    {
        var rules = _market.Rules.GetValueOrDefault(Symbol);
        if (CommissionValuation.PricedBy(fill, rules) is not { } feeSymbol)
        {
            Apply(Recorded(leg, fill, null), then);
            return;
        }

        if (_market.Quotes.TryGet(feeSymbol, out var quote))
        {
            Apply(Recorded(leg, fill, (quote.Bid + quote.Ask) / 2m), then);
            return;
        }

        if (_valuing.Add(fill.TradeId))
        {
            _market.Exchange.GetLastPriceAsync(feeSymbol).PipeTo(
                Self, success: price => new FeeAssetPriced(leg.Leg, fill, price), failure: e => new FeeAssetPriced(leg.Leg, fill, null, e.Message));
        }

        then?.Invoke();
    }

    private void OnFeeAssetPriced(FeeAssetPriced priced)
    {
        _valuing.Remove(priced.Fill.TradeId);
        if (_data.Leg(priced.Leg) is not { } leg || leg.TradeIds.Contains(priced.Fill.TradeId))
        {
            return;
        }

        if (priced.Price is null)
        {
            Log.Warning("Intent {Id}: the price of {Asset} is not available ({Error}); commission {Commission} {Asset} counts as zero",
                Id, priced.Fill.CommissionAsset, priced.Error, priced.Fill.Commission, priced.Fill.CommissionAsset);
        }

        // Journaling the trade lets a finish that waited for it go ahead (see Apply).
        Apply(Recorded(leg, priced.Fill, priced.Price));
    }

    private FillRecorded Recorded(LegData leg, Fill fill, decimal? feeAssetPrice)
    {
        TradingMetrics.Filled(_market.Market, leg.Side);
        var (quoteFee, baseFee) = CommissionValuation.Value(fill, _market.Rules.GetValueOrDefault(Symbol), feeAssetPrice);
        return new FillRecorded(leg.Leg, fill.TradeId, fill.OrderId, fill.Quantity, fill.Price, fill.Commission, fill.CommissionAsset, quoteFee, baseFee, Now);
    }

    /// <summary>
    /// Finishes the intent once the trades of every execution are recorded, so its report carries real prices and
    /// commissions (an order's answer has neither for an algo order, nor commissions at all). The stream usually
    /// brings them within milliseconds; otherwise they are fetched after <see cref="RouterSettings.TradeSettleTimeout"/>,
    /// and if the exchange does not list them either the intent finishes on the order's own figures.
    /// </summary>
    private void Conclude(IntentStatus status, string reason)
    {
        if (_finishing || _data.IsTerminal)
        {
            return;
        }

        if ((_data.AwaitsTrades && !_tradesFetched) || _valuing.Count > 0)
        {
            if (_concluding is null && _data.AwaitsTrades && !_tradesFetched)
            {
                Timers.StartSingleTimer(SettleTimer, new SettleTrades(), Settings.TradeSettleTimeout);
            }

            _concluding = (status, reason);
            return;
        }

        _concluding = null;
        _finishing = true;
        Timers.Cancel(SettleTimer);
        Apply(new IntentFinished(status, reason, Now));
    }

    private void OnSettleTrades()
    {
        var since = _data.Legs.Where(l => l.AwaitsTrades).Select(l => l.SentAt).DefaultIfEmpty(Now).Min() - TimeSpan.FromMinutes(1);
        _market.Exchange.GetTradesAsync(Symbol, since).PipeTo(Self, success: fills => new TradesFetched(fills), failure: e => new TradesFetched([], e.Message));
    }

    private void OnTradesFetched(TradesFetched fetched)
    {
        _tradesFetched = true;
        var missing = 0m;
        foreach (var leg in _data.Legs.Where(l => l.AwaitsTrades))
        {
            var trades = fetched.Fills.Where(f => f.OrderId == leg.OrderId && !leg.TradeIds.Contains(f.TradeId)).ToList();
            trades.ForEach(f => RecordFill(leg, f));
            missing += leg.ExecutedQuantity - leg.FilledByTrades - trades.Sum(f => f.Quantity);
        }

        if (missing > 0m)
        {
            Log.Warning("Intent {Id}: trades for {Missing} of the execution not found ({Error}); reporting the orders' own prices without their fees", Id, missing, fetched.Error ?? "not listed");
        }

        if (_concluding is { } pending)
        {
            Conclude(pending.Status, pending.Reason);
        }
    }
}
