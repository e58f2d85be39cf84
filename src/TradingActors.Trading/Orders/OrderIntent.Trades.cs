using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Orders;

/// <summary>Trades: an intent finishes once the trades of every execution are recorded.</summary>
public sealed partial class OrderIntent
{
    /// <summary>A trade of the leg, its commission valued in the quote asset (a third asset such as BNB cannot be).</summary>
    private FillRecorded Recorded(LegData leg, Fill fill)
    {
        TradingMetrics.Filled(_market.Market, leg.Side);
        var rules = _market.Rules.GetValueOrDefault(Symbol);
        var inBase = rules is not null && fill.CommissionAsset == rules.BaseAsset;
        var quoteFee = inBase ? fill.Commission * fill.Price
            : rules is null || fill.CommissionAsset == rules.QuoteAsset || fill.Commission == 0m ? fill.Commission
            : 0m;
        if (quoteFee == 0m && fill.Commission != 0m)
        {
            Log.Warning("Intent {Id}: commission {Commission} {Asset} cannot be valued in {Quote}; PnL leaves it out", Id, fill.Commission, fill.CommissionAsset, rules?.QuoteAsset);
        }

        return new FillRecorded(
            leg.Leg, fill.TradeId, fill.OrderId, fill.Quantity, fill.Price, fill.Commission, fill.CommissionAsset, quoteFee, inBase ? fill.Commission : 0m, Now);
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

        if (_data.AwaitsTrades && !_tradesFetched)
        {
            if (_concluding is null)
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
            trades.ForEach(f => Apply(Recorded(leg, f)));
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
