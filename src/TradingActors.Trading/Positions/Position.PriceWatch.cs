using Akka.Actor;
using Akka.Event;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions.Aging;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Positions;

/// <summary>
/// What an active position does with the live price. Aged-position exits (<see cref="AgedExitPolicy"/>): a timer
/// wakes the position when its schedule changes phase or target, each change is journaled, and once aged it closes
/// at market when the price reaches the target; everything is recomputed from the activation time, so a restart
/// resumes the right phase. A trailing stop the node holds (spot, or a futures distance outside the exchange's range,
/// see <see cref="TrailingStopPlan"/>): the stop follows the best price at its distance, replaced (new before old)
/// whenever it would gain a quarter of that distance, and never moves back.
/// </summary>
public sealed partial class Position
{
    private const string AgeTimer = "aged-exit";
    private bool _watchingPrices;
    private bool _aged;

    // The exchange refused (or never settled) the trailing stop it should hold: the node trails instead.
    private bool _trailLocally;

    /// <summary>The node moves the stop itself: spot, a distance outside the exchange's range, or a trailing order the exchange did not take.</summary>
    private bool TrailsLocally => _data.TrailingDistance is not null && (_trailLocally || !TrailingStopPlan.OnExchange(_data));

    private DateTimeOffset AgedFrom => _data.ActiveSince ?? _data.OpenedAt;

    private void WatchAge() => EvaluateAge(ExitPrice());

    /// <summary>The price an exit would get now: the bid for a long, the ask for a short.</summary>
    private decimal? ExitPrice() =>
        _market.Quotes.TryGet(_data.Symbol, out var quote) ? (_data.Direction == PositionDirection.Long ? quote.Bid : quote.Ask) : null;

    private void OnTicker(BookTicker ticker)
    {
        if (!_watchingPrices || ticker.Market != _data.Market || ticker.Symbol != _data.Symbol)
        {
            return;
        }

        var price = _data.Direction == PositionDirection.Long ? ticker.BidPrice : ticker.AskPrice;
        if (_aged)
        {
            EvaluateAge(price);
        }

        Trail(price);
    }

    /// <summary>Follows the live price while the position is active and aged or trailing; not otherwise.</summary>
    private void UpdatePriceWatch()
    {
        var wanted = _data.State == PositionState.Active && (_aged || TrailsLocally);
        if (wanted == _watchingPrices)
        {
            return;
        }

        _watchingPrices = wanted;
        if (wanted)
        {
            _market.MarketData.Subscribe(_data.Symbol, Self);
        }
        else
        {
            _market.MarketData.Unsubscribe(_data.Symbol, Self);
        }
    }

    protected override void PostStop()
    {
        if (_watchingPrices)
        {
            _market.MarketData.Unsubscribe(_data.Symbol, Self);
        }

        base.PostStop();
    }

    private void Trail(decimal price)
    {
        if (!TrailsLocally || _data.TrailingDistance is not { } distance || _data.State != PositionState.Active || _pendingStop is not null
            || _data.ActiveStop is not { } stop)
        {
            return;
        }

        var tick = _market.TickSize(_data.Symbol);
        var candidate = _data.Direction == PositionDirection.Long
            ? Math.Floor(price * (1m - distance) / tick) * tick
            : Math.Ceiling(price * (1m + distance) / tick) * tick;

        // Each move costs an order and a cancel: only a gain of a quarter of the distance is worth one.
        if (_data.Direction.Sign() * (candidate - stop.TriggerPrice) >= price * distance / 4m)
        {
            Log.Info("Position {Id}: trailing stop {From} -> {To}", _id, stop.TriggerPrice, candidate);
            ArmStop(candidate);
        }
    }

    private void EvaluateAge(decimal? price)
    {
        var settings = _settings.AgedExit;
        if (!settings.Enabled || _data.State != PositionState.Active || _data.EntryPrice <= 0m)
        {
            StopAging();
            return;
        }

        var plan = AgedExitPolicy.Plan(_data.EntryPrice, _data.Direction, AgedFrom, Now, settings);
        if (AgedExitHistory.ChangeSince(_data.AgedExit, plan) is { } change)
        {
            Record(change, () =>
            {
                Log.Info("Position {Id}: aged exit {Phase}, target {Target}, accepted loss {Loss}", _id, change.Phase, change.TargetPrice, change.AcceptedLoss);
                Decide(plan, price);
            });
            return;
        }

        Decide(plan, price);
    }

    private void Decide(AgedExitPlan plan, decimal? price)
    {
        var settings = _settings.AgedExit;
        var trailing = _data.TrailingDistance is not null;
        var decision = AgedExitPolicy.Evaluate(_data.EntryPrice, _data.Direction, AgedFrom, Now, price, trailing, settings);
        if (decision.Action == AgedExitAction.CloseNow)
        {
            StopAging();
            Log.Info("Position {Id}: aged exit closes at market ({Reason})", _id, decision.Reason);
            Self.Tell(new ClosePosition(_id, CloseReason.Aged, new ExecutionPolicy.Market()));
            return;
        }

        if (plan.NextChangeAt is { } next)
        {
            var wait = next - Now;
            Timers.StartSingleTimer(AgeTimer, new AgeCheck(), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }

        // Only aged positions follow the price for this (young ones wait for their timer), and a trailing stop
        // manages a winner's exit itself.
        _aged = plan.Phase != AgedExitPhase.Young && !trailing;
        UpdatePriceWatch();
    }

    private void StopAging()
    {
        Timers.Cancel(AgeTimer);
        _aged = false;
        UpdatePriceWatch();
    }

    private sealed record AgeCheck;
}
