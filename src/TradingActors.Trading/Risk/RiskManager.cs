using Akka.Event;
using Akka.Actor;
using TradingActors.Exchange;
using Akka.Persistence;
using TradingActors.Trading.Time;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Strategy;
using static TradingActors.Trading.Risk.RiskEvents;
using static TradingActors.Trading.Risk.RiskProtocol;

namespace TradingActors.Trading.Risk;

/// <summary>
/// Pre-trade limits (open positions, notional per symbol, total exposure, leverage), a daily loss limit that halts
/// new entries, and the kill switch: stop the strategies, close every position, cancel every open order.
/// </summary>
public sealed class RiskManager : ReceivePersistentActor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly RiskSettings _settings;
    private readonly IReadOnlyDictionary<Market, MarketActors> _markets;
    private readonly IActorRef _positionList;
    private readonly HashSet<string> _countedToday = [];

    // Approved entries whose positions have not shown up yet; checks run one at a time so none is missed.
    private readonly List<Reservation> _reservations = [];
    private bool _checking;
    private bool _killSwitch;
    private DateOnly _day;
    private decimal _dayPnl;

    /// <param name="positionList">The read side's <see cref="ReadSide.PositionListProjection"/>: every node's positions, from the journal.</param>
    public RiskManager(RiskSettings settings, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef positionList)
    {
        _positionList = positionList;
        _settings = settings;
        _markets = markets;

        Recover<KillSwitchWasEngaged>(_ => _killSwitch = true);
        Recover<KillSwitchWasReset>(_ => _killSwitch = false);
        Recover<RealizedPnlRecorded>(Count);
        Recover<RecoveryCompleted>(_ => Context.System.EventStream.Subscribe(Self, typeof(PositionClosedNotice)));

        Command<CheckEntry>(OnCheckEntry, _ => !_checking);
        Command<CheckEntry>(_ => Stash.Stash());
        Command<OpenPositionsRead>(OnOpenPositionsRead);
        Command<ReleaseEntry>(release => _reservations.RemoveAll(r => r.Id == release.Reservation));
        Command<PositionClosedNotice>(notice =>
        {
            RollDay(notice.At);
            if (!_countedToday.Contains(notice.Id.Value))
            {
                Persist(new RealizedPnlRecorded(notice.Id.Value, notice.RealizedPnl, notice.At), Count);
            }
        });
        Command<EngageKillSwitch>(_ => OnEngageKillSwitch());
        Command<ResetKillSwitch>(_ => Persist(new KillSwitchWasReset(Now), e =>
        {
            _killSwitch = false;
            Sender.Tell(Status());
        }));
        Command<GetRiskStatus>(_ => Sender.Tell(Status()));
    }

    public override string PersistenceId => "risk-manager";

    public static Props Props(RiskSettings settings, IReadOnlyDictionary<Market, MarketActors> markets, IActorRef positionList) =>
        Akka.Actor.Props.Create(() => new RiskManager(settings, markets, positionList));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private bool EntriesHalted => HaltReason is not null;

    private string? HaltReason =>
        _killSwitch ? "the kill switch is engaged"
        : _settings.DailyLossLimit > 0m && _dayPnl <= -_settings.DailyLossLimit ? $"the daily loss limit ({_settings.DailyLossLimit}) is reached"
        : null;

    private RiskStatus Status()
    {
        RollDay(Now);
        return new RiskStatus(_killSwitch, _dayPnl, EntriesHalted);
    }

    private void Count(RealizedPnlRecorded recorded)
    {
        RollDay(recorded.At);
        if (DateOnly.FromDateTime(recorded.At.UtcDateTime) == _day && _countedToday.Add(recorded.PositionId))
        {
            _dayPnl += recorded.RealizedPnl;
        }
    }

    private void RollDay(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        if (day > _day)
        {
            _day = day;
            _dayPnl = 0m;
            _countedToday.Clear();
        }
    }

    private void OnCheckEntry(CheckEntry check)
    {
        RollDay(Now);
        if (HaltReason is { } halted)
        {
            Sender.Tell(new EntryDenied(halted));
            return;
        }

        _checking = true;
        var sender = Sender;
        JournaledPositionsAsync().PipeTo(Self, success: positions => new OpenPositionsRead(check, sender, positions, null), failure: e => new OpenPositionsRead(check, sender, [], e.Message));
    }

    /// <summary>
    /// Counts the positions the journal shows closed today that no notice reported (a notice is local to the node
    /// where the position closed, and is lost while this singleton moves), then decides.
    /// </summary>
    private void OnOpenPositionsRead(OpenPositionsRead read)
    {
        if (read.Error is not null)
        {
            _checking = false;
            Stash.UnstashAll();
            read.ReplyTo.Tell(new EntryDenied($"open positions unknown: {read.Error}"));
            return;
        }

        var uncounted = read.Positions
            .Where(p => p.State.IsTerminal() && p.ClosedAt is { } at && DateOnly.FromDateTime(at.UtcDateTime) == _day && !_countedToday.Contains(p.Id.Value))
            .Select(p => new RealizedPnlRecorded(p.Id.Value, p.RealizedPnl, p.ClosedAt!.Value))
            .ToList();
        if (uncounted.Count == 0)
        {
            Answer(read);
            return;
        }

        PersistAll(uncounted, Count);
        DeferAsync(read, Answer);
    }

    private void Answer(OpenPositionsRead read)
    {
        _checking = false;
        Stash.UnstashAll();
        if (HaltReason is { } halted)
        {
            read.ReplyTo.Tell(new EntryDenied(halted));
            return;
        }

        // A reservation ends when a position in its market and symbol opened since appears (open or already
        // finished, e.g. an entry that failed), or when it expires.
        _reservations.RemoveAll(r => r.Expires <= Now || read.Positions.Any(p => p.Market == r.Market && p.Symbol == r.Symbol && p.OpenedAt >= r.Made));
        var open = read.Positions.Where(p => !p.State.IsTerminal()).ToList();
        var decision = Decide(_settings, read.Check, open, _reservations);
        if (decision is EntryApproved approved)
        {
            _reservations.Add(new Reservation(approved.Reservation, read.Check.Market, read.Check.Symbol, read.Check.Quantity * read.Check.Price, Now, Now + _settings.ReservationTimeout));
        }

        read.ReplyTo.Tell(decision);
    }

    private static object Decide(RiskSettings settings, CheckEntry check, IReadOnlyList<PositionData> open, IReadOnlyList<Reservation> reserved)
    {
        var notional = check.Quantity * check.Price;
        var same = open.Any(p => p.Symbol == check.Symbol && p.Market == check.Market) || reserved.Any(r => r.Symbol == check.Symbol && r.Market == check.Market);
        var count = open.Count + reserved.Count;
        var symbolNotional = open.Where(p => p.Symbol == check.Symbol && p.Market == check.Market).Sum(Notional) + notional;
        var exposure = open.Sum(Notional) + reserved.Sum(r => r.Notional) + notional;
        return count >= settings.MaxOpenPositions ? new EntryDenied($"{count} positions open or being opened (max {settings.MaxOpenPositions})")
            : same ? new EntryDenied($"a {check.Market} position in {check.Symbol} is already open or being opened")
            : symbolNotional > settings.MaxNotionalPerSymbol ? new EntryDenied($"notional {symbolNotional:0.##} in {check.Symbol} over {settings.MaxNotionalPerSymbol}")
            : exposure > settings.MaxTotalExposure ? new EntryDenied($"exposure {exposure:0.##} over {settings.MaxTotalExposure}")
            : new EntryApproved(Guid.NewGuid());
    }

    private static decimal Notional(PositionData p) => (p.Quantity > 0m ? p.Quantity : p.RequestedQuantity) * (p.EntryPrice > 0m ? p.EntryPrice : p.DecisionPrice);

    /// <summary>Open positions and recently finished ones, as the journal holds them now.</summary>
    private async Task<IReadOnlyList<PositionData>> JournaledPositionsAsync() =>
        (await _positionList.Ask<ReadSide.PositionListProjection.PositionList>(new ReadSide.PositionListProjection.ListPositions(CatchUp: true), AskTimeout)).Positions;

    private async Task<IReadOnlyList<PositionData>> OpenPositionsAsync() =>
        (await JournaledPositionsAsync()).Where(p => !p.State.IsTerminal()).ToList();

    private void OnEngageKillSwitch()
    {
        var sender = Sender;
        Persist(new KillSwitchWasEngaged(Now), _ =>
        {
            _killSwitch = true;
            Log.Warning("Kill switch engaged: stopping strategies, closing every position, cancelling open orders");
            TradingTopics.Publish(Context.System, TradingTopics.Strategies, new StrategyProtocol.StopStrategies());
            FlattenAsync().PipeTo(sender, success: result => result, failure: e => new Status.Failure(e));
        });
    }

    /// <summary>
    /// Closes positions until none is open (entries still in flight are closed once they fill); only then are the
    /// remaining open orders cancelled, so the stops of a position still open are never taken away.
    /// </summary>
    private async Task<KillSwitchEngaged> FlattenAsync()
    {
        var time = TradingClock.Get(Context.System).TimeProvider;
        var run = $"ks{Now.ToUnixTimeMilliseconds()}";
        var closed = new HashSet<string>();
        var flat = false;
        for (var round = 0; round < 120 && !flat; round++)
        {
            try
            {
                var open = await OpenPositionsAsync();
                flat = open.Count == 0;
                foreach (var position in open.Where(p => p.State == PositionState.Active))
                {
                    var reply = await _markets[position.Market].Positions.Ask<object>(new PositionProtocol.ClosePosition(position.Id, CloseReason.KillSwitch), AskTimeout);
                    if (reply is PositionProtocol.CloseAccepted)
                    {
                        closed.Add(position.Id.Value);
                    }
                }
            }
            catch (Exception e) when (e is AskTimeoutException or InvalidOperationException or TaskCanceledException)
            {
                // A region that cannot answer now is asked again next round.
            }

            if (!flat)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time);
            }
        }

        var cancelled = 0;
        if (flat)
        {
            foreach (var market in _markets.Values)
            {
                cancelled += await CancelOpenOrdersAsync(market, run, time);
            }
        }

        return new KillSwitchEngaged(closed.Count, cancelled);
    }

    private sealed record Reservation(Guid Id, Market Market, Symbol Symbol, decimal Notional, DateTimeOffset Made, DateTimeOffset Expires);

    private sealed record OpenPositionsRead(CheckEntry Check, IActorRef ReplyTo, IReadOnlyList<PositionData> Positions, string? Error);

    /// <summary>
    /// Cancels what is left open through journaled cancel intents, like every order the system sends, and counts
    /// those that completed (cancelling one order of a spot OCO cancels its list).
    /// </summary>
    private static async Task<int> CancelOpenOrdersAsync(MarketActors market, string run, TimeProvider time)
    {
        var exchange = market.Context;
        var targets = (await exchange.Exchange.GetOpenOrdersAsync()).Select(o => (o.Symbol, Target: o.ClientOrderId, Conditional: false)).ToList();
        if (exchange.Futures is { } futures)
        {
            targets.AddRange((await futures.GetOpenConditionalOrdersAsync()).Select(o => (o.Symbol, Target: o.ClientAlgoId, Conditional: true)));
        }

        var outcomes = await Task.WhenAll(targets.Select(async t =>
        {
            var id = new IntentId($"{run}-cancel-{t.Target.Value}");
            var spec = new OrderIntentSpec.Cancel { Market = exchange.Market, Symbol = t.Symbol, Target = t.Target, Conditional = t.Conditional };
            object answer = await market.Intents.Ask<object>(new IntentProtocol.SubmitIntent(id, spec), AskTimeout);
            for (var round = 0; round < 40 && answer is IntentProtocol.IntentReport { Status: IntentStatus.Working or IntentStatus.New }; round++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time);
                answer = await market.Intents.Ask<object>(new IntentProtocol.GetIntent(id), AskTimeout);
            }

            return answer is IntentProtocol.IntentReport { Status: IntentStatus.Completed };
        }));
        return outcomes.Count(completed => completed);
    }
}
