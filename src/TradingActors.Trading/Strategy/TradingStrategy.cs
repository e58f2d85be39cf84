using Akka.Event;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Persistence;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Features;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Risk;
using static TradingActors.Trading.Strategy.StrategyProtocol;

namespace TradingActors.Trading.Strategy;

/// <summary>
/// One configured strategy (S3), a sharded entity (<see cref="StrategyShards"/>) so it runs once in the cluster: evaluates its rules at every bar close, sizes an entry from its risk per trade,
/// asks the risk manager, journals the signal and its decision (with the configuration revision), then opens the
/// position under a fresh id. It holds at most one position at a time.
/// </summary>
public sealed class TradingStrategy : ReceivePersistentActor
{
    private const int RecentSignals = 50;

    private readonly StrategyDefinition _definition;
    private readonly MarketActors _market;
    private readonly IActorRef _risk;
    private readonly LinkedList<SignalRecorded> _recent = new();
    private PositionId? _current;

    // The risk reservation of the position last opened, released if that open is refused.
    private (PositionId Position, Guid Reservation)? _reserved;
    private bool _deciding;
    private bool _stopped;

    // Entries refused since the start, and the reason of the last one: a refusal is journaled and logged when its
    // reason changes, not at every bar it repeats.
    private int _refusals;
    private string? _lastRefusal;

    public TradingStrategy(StrategyDefinition definition, MarketActors market, IActorRef risk)
    {
        _definition = definition;
        _market = market;
        _risk = risk;

        Recover<SignalRecorded>(Remember);
        Recover<RecoveryCompleted>(_ =>
        {
            Context.ActorOf(FeatureGenerator.Props(_definition, Self, _market.Context.MarketData), "features");
            TradingTopics.Subscribe(Context.System, TradingTopics.Strategies, Self);
        });

        Command<FeaturesReady>(OnFeatures);
        Command<PositionProtocol.PositionView>(view =>
        {
            // The answer to our question about the current position: one that ended frees the strategy, and so does
            // one still New, which never opened (a crash came between journaling the signal and sending the open).
            if (view.Data.State.IsTerminal() || view.Data.State == PositionState.New)
            {
                _current = null;
            }
        });
        Command<Decision>(OnDecision);
        Command<StartStrategy>(_ => { });
        Command<SubscribeAck>(_ => { });
        Command<StopStrategies>(_ => _stopped = true);
        Command<StopStrategy>(stop =>
        {
            _stopped = true;
            Sender.Tell(new StrategyStopped(stop.Strategy));
        });
        Command<PositionProtocol.PositionAccepted>(_ => { });
        Command<PositionProtocol.PositionRejected>(rejected =>
        {
            Log.Warning("Strategy {Strategy}: position {Id} refused: {Reason}", _definition.Name, rejected.Id, rejected.Reason);
            if (_reserved is { } reserved && reserved.Position == rejected.Id)
            {
                _risk.Tell(new RiskProtocol.ReleaseEntry(reserved.Reservation));
                _reserved = null;
            }

            if (_current == rejected.Id)
            {
                _current = null;
            }
        });
        Command<GetSignals>(_ => Sender.Tell(new Signals([.. _recent])));
        Command<GetStrategyStatus>(_ => Sender.Tell(new StrategyStatus(_definition.Name, _refusals, _lastRefusal, _current is not null)));
    }

    public override string PersistenceId => $"strategy-{_definition.Name}";

    public static Props Props(StrategyDefinition definition, MarketActors market, IActorRef risk) =>
        Akka.Actor.Props.Create(() => new TradingStrategy(definition, market, risk));

    private void Remember(SignalRecorded signal)
    {
        _recent.AddFirst(signal);
        if (_recent.Count > RecentSignals)
        {
            _recent.RemoveLast();
        }

        if (signal.Position is { } position)
        {
            _current = position;
        }
    }

    private void OnFeatures(FeaturesReady ready)
    {
        var triggered = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_stopped || _deciding)
        {
            return;
        }

        if (_current is { } current)
        {
            // Ask whether the position ended; the answer frees the strategy for the next bar.
            _market.Positions.Tell(new PositionProtocol.GetPosition(current), Self);
            return;
        }

        var (side, confidence) = Evaluate(ready.Features);
        if (side is null)
        {
            return;
        }

        var direction = side == "LONG" ? PositionDirection.Long : PositionDirection.Short;
        var stopDistance = _definition.StopDistance.Evaluate(ready.Features, previous: false);
        if (stopDistance is not > 0m)
        {
            Refuse(side, confidence, "skipped: stop distance not ready", null, ready.Price);
            return;
        }

        var rules = _market.Context.Rules.GetValueOrDefault(_definition.Symbol);
        var size = PositionSizing.Size(ready.Price, stopDistance.Value, _definition.Sizing);
        if (size.Reason is { } refused)
        {
            Refuse(side, confidence, refused, size.Detail, ready.Price);
            return;
        }

        var quantity = rules?.RoundQuantity(size.Quantity, isMarketOrder: true) ?? size.Quantity;
        if (quantity <= 0m || (rules is not null && (quantity < rules.MinQuantity || quantity * ready.Price < rules.MinNotional)))
        {
            Refuse(side, confidence, "skipped: size below the venue's minimum", $"{quantity} at {ready.Price}", ready.Price);
            return;
        }

        var sign = direction.Sign();
        var stop = RoundPrice(ready.Price - (sign * stopDistance.Value));
        var takeProfit = _definition.TakeProfitDistance?.Evaluate(ready.Features, previous: false) is { } tp and > 0m
            ? RoundPrice(ready.Price + (sign * tp))
            : (decimal?)null;
        var candidate = new Decision(direction, side, confidence, quantity, ready.Price, stop, takeProfit, null, triggered);
        _deciding = true;
        var self = Self;
        _risk.Ask<object>(new RiskProtocol.CheckEntry(_definition.Market, _definition.Symbol, quantity, ready.Price), TimeSpan.FromSeconds(10))
            .PipeTo(self, success: answer => candidate with { Risk = answer }, failure: e => candidate with { Risk = new RiskProtocol.EntryDenied(e.Message) });
    }

    private void OnDecision(Decision decision)
    {
        _deciding = false;
        if (_stopped)
        {
            return;
        }

        if (decision.Risk is RiskProtocol.EntryDenied denied)
        {
            Refuse(decision.Side, decision.Confidence, $"denied: {denied.Reason}", null, decision.Price, decision.Quantity);
            return;
        }

        _lastRefusal = null;
        var id = PositionId.New();
        TradingMetrics.EntryDecided(id, decision.Triggered);
        _reserved = decision.Risk is RiskProtocol.EntryApproved approved ? (id, approved.Reservation) : null;
        Record(decision.Side, decision.Confidence, "opened", id, decision.Price, decision.Quantity, () =>
            _market.Positions.Tell(
                new PositionProtocol.OpenPosition(
                    id, _definition.Market, _definition.Symbol, decision.Direction, decision.Quantity, _definition.EntryPolicy,
                    decision.Price, decision.Stop, decision.TakeProfit, $"strategy:{_definition.Name}", _definition.TrailingDistance),
                Self));
    }

    private void Refuse(string side, decimal confidence, string reason, string? detail, decimal price, decimal quantity = 0m)
    {
        _refusals++;
        if (reason == _lastRefusal)
        {
            return;
        }

        _lastRefusal = reason;
        Record(side, confidence, reason, null, price, quantity);
        if (detail is not null)
        {
            Log.Warning("Strategy {Strategy}: entry refused ({Reason}): {Detail}; logged again when the reason changes", _definition.Name, reason, detail);
        }
    }

    private (string? Side, decimal Confidence) Evaluate(FeatureSnapshot features)
    {
        if (_definition.Long is { } longRule && longRule.Fires(features, out var longConfidence))
        {
            return ("LONG", longConfidence);
        }

        if (_definition.Short is { } shortRule && shortRule.Fires(features, out var shortConfidence))
        {
            return ("SHORT", shortConfidence);
        }

        return (null, 0m);
    }

    private decimal RoundPrice(decimal price) =>
        _market.Context.Rules.TryGetValue(_definition.Symbol, out var rules) ? rules.RoundPrice(price) : price;

    private void Record(string side, decimal confidence, string decision, PositionId? position, decimal price, decimal quantity, Action? then = null)
    {
        var signal = new SignalRecorded(_definition.Name, side, confidence, decision, position, price, quantity, _definition.Revision, Context.System.Scheduler.Now);
        Persist(signal, _ =>
        {
            Remember(signal);
            Log.Info("Strategy {Strategy}: {Side} signal (confidence {Confidence:0.00}) -> {Decision}", _definition.Name, side, confidence, decision);
            then?.Invoke();
        });
    }

    private sealed record Decision(
        PositionDirection Direction, string Side, decimal Confidence, decimal Quantity, decimal Price, decimal Stop, decimal? TakeProfit, object? Risk, long Triggered);
}
