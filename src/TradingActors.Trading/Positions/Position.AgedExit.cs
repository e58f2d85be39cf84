using Microsoft.Extensions.Logging;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions.Aging;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Positions;

/// <summary>
/// Aged-position exits (<see cref="AgedExitPolicy"/>): a timer wakes the position when its schedule changes phase or
/// target, each change is journaled, and once aged it watches the live price and closes at market when the price
/// reaches the target. Everything is recomputed from the activation time, so a restart resumes the right phase.
/// </summary>
public sealed partial class Position
{
    private const string AgeTimer = "aged-exit";
    private bool _watchingPrices;

    private DateTimeOffset AgedFrom => _data.ActiveSince ?? _data.OpenedAt;

    private void WatchAge() => EvaluateAge(ExitPrice());

    /// <summary>The price an exit would get now: the bid for a long, the ask for a short.</summary>
    private decimal? ExitPrice() =>
        _market.Quotes.TryGet(_data.Symbol, out var quote) ? (_data.Direction == PositionDirection.Long ? quote.Bid : quote.Ask) : null;

    private void OnTicker(BookTicker ticker)
    {
        if (_watchingPrices && ticker.Market == _data.Market && ticker.Symbol == _data.Symbol)
        {
            EvaluateAge(_data.Direction == PositionDirection.Long ? ticker.BidPrice : ticker.AskPrice);
        }
    }

    private void EvaluateAge(decimal? price)
    {
        var settings = _settings.AgedExit;
        if (!settings.Enabled || _data.State != PositionState.Active || _data.EntryPrice <= 0m)
        {
            StopWatchingPrices();
            return;
        }

        var plan = AgedExitPolicy.Plan(_data.EntryPrice, _data.Direction, AgedFrom, Now, settings);
        if (AgedExitHistory.ChangeSince(_data.AgedExit, plan) is { } change)
        {
            Record(change, () =>
            {
                Log.LogInformation("Position {Id}: aged exit {Phase}, target {Target}, accepted loss {Loss}", _id, change.Phase, change.TargetPrice, change.AcceptedLoss);
                Decide(plan, price);
            });
            return;
        }

        Decide(plan, price);
    }

    private void Decide(AgedExitPlan plan, decimal? price)
    {
        var settings = _settings.AgedExit;
        var decision = AgedExitPolicy.Evaluate(_data.EntryPrice, _data.Direction, AgedFrom, Now, price, trailingStopActive: false, settings);
        if (decision.Action == AgedExitAction.CloseNow)
        {
            StopWatchingPrices();
            Log.LogInformation("Position {Id}: aged exit closes at market ({Reason})", _id, decision.Reason);
            Self.Tell(new ClosePosition(_id, CloseReason.Aged, new ExecutionPolicy.Market()));
            return;
        }

        if (plan.NextChangeAt is { } next)
        {
            var wait = next - Now;
            Context.Timers.StartSingleTimer(AgeTimer, new AgeCheck(), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        // Only aged positions follow the price; young ones just wait for their timer.
        if (plan.Phase != AgedExitPhase.Young && !_watchingPrices)
        {
            _watchingPrices = true;
            Context.System.EventStream.Subscribe(Self, typeof(BookTicker));
        }
    }

    private void StopWatchingPrices()
    {
        Context.Timers.Cancel(AgeTimer);
        if (_watchingPrices)
        {
            _watchingPrices = false;
            Context.System.EventStream.Unsubscribe(Self, typeof(BookTicker));
        }
    }

    private sealed record AgeCheck;
}
