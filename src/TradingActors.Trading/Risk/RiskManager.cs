using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.Exchange;
using TradingActors.Persistence;
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
    private readonly HashSet<string> _countedToday = [];

    // Approved entries whose positions have not shown up yet; checks run one at a time so none is missed.
    private readonly List<Reservation> _reservations = [];
    private bool _checking;
    private bool _killSwitch;
    private DateOnly _day;
    private decimal _dayPnl;

    public RiskManager(RiskSettings settings, IReadOnlyDictionary<Market, MarketActors> markets)
    {
        _settings = settings;
        _markets = markets;

        Recover<KillSwitchWasEngaged>(_ => _killSwitch = true);
        Recover<KillSwitchWasReset>(_ => _killSwitch = false);
        Recover<RealizedPnlRecorded>(Count);
        Recover<RecoveryCompleted>(_ => Context.System.EventStream.Subscribe(Self, typeof(PositionClosedNotice)));

        Command<CheckEntry>(OnCheckEntry, _ => !_checking);
        Command<CheckEntry>(_ => Context.Stash.Stash());
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

    public static Props Props(RiskSettings settings, IReadOnlyDictionary<Market, MarketActors> markets) =>
        Actors.Props.Create(() => new RiskManager(settings, markets));

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    private bool EntriesHalted => _killSwitch || (_settings.DailyLossLimit > 0m && _dayPnl <= -_settings.DailyLossLimit);

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
        if (_killSwitch)
        {
            Sender.Tell(new EntryDenied("the kill switch is engaged"));
            return;
        }

        if (EntriesHalted)
        {
            Sender.Tell(new EntryDenied($"the daily loss limit ({_settings.DailyLossLimit}) is reached"));
            return;
        }

        _checking = true;
        var sender = Sender;
        PositionsInMemoryAsync().PipeTo(Self, positions => new OpenPositionsRead(check, sender, positions, null), e => new OpenPositionsRead(check, sender, [], e.Message));
    }

    private void OnOpenPositionsRead(OpenPositionsRead read)
    {
        _checking = false;
        Context.Stash.UnstashAll();
        if (read.Error is not null)
        {
            read.ReplyTo.Tell(new EntryDenied($"open positions unknown: {read.Error}"));
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

    /// <summary>Open positions and recently finished ones (still in memory).</summary>
    private async Task<IReadOnlyList<PositionData>> PositionsInMemoryAsync()
    {
        var answers = await Task.WhenAll(_markets.Values.Select(m => m.Positions.Ask<PositionRegion.OpenPositions>(new PositionRegion.GetOpenPositions(), AskTimeout)));
        return answers.SelectMany(a => a.Positions).Select(v => v.Data).ToList();
    }

    private async Task<IReadOnlyList<PositionData>> OpenPositionsAsync() =>
        (await PositionsInMemoryAsync()).Where(p => !p.State.IsTerminal()).ToList();

    private void OnEngageKillSwitch()
    {
        var sender = Sender;
        Persist(new Tagged(new KillSwitchWasEngaged(Now), Positions.Position.AlertsTag), _ =>
        {
            _killSwitch = true;
            Log.LogWarning("Kill switch engaged: stopping strategies, closing every position, cancelling open orders");
            Context.System.EventStream.Publish(new StrategyProtocol.StopStrategies());
            FlattenAsync().PipeTo(sender, result => result, e => new Status.Failure(e));
        });
    }

    /// <summary>
    /// Closes positions until none is open (entries still in flight are closed once they fill); only then are the
    /// remaining open orders cancelled, so the stops of a position still open are never taken away.
    /// </summary>
    private async Task<KillSwitchEngaged> FlattenAsync()
    {
        var time = Context.System.TimeProvider;
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
                cancelled += await CancelOpenOrdersAsync(market.Context);
            }
        }

        return new KillSwitchEngaged(closed.Count, cancelled);
    }

    private sealed record Reservation(Guid Id, Market Market, Symbol Symbol, decimal Notional, DateTimeOffset Made, DateTimeOffset Expires);

    private sealed record OpenPositionsRead(CheckEntry Check, IActorRef ReplyTo, IReadOnlyList<PositionData> Positions, string? Error);

    private static async Task<int> CancelOpenOrdersAsync(MarketContext market)
    {
        var cancelled = 0;
        if (market.Spot is { } spot)
        {
            foreach (var list in await spot.GetOpenOrderListsAsync())
            {
                cancelled += await spot.CancelOrderListAsync(list.Symbol, list.ListClientOrderId) is OrderListOutcome.Accepted ? 1 : 0;
            }
        }

        foreach (var order in await market.Exchange.GetOpenOrdersAsync())
        {
            cancelled += await market.Exchange.CancelOrderAsync(order.Symbol, order.ClientOrderId) is OrderOutcome.Accepted ? 1 : 0;
        }

        if (market.Futures is { } futures)
        {
            foreach (var order in await futures.GetOpenConditionalOrdersAsync())
            {
                cancelled += await futures.CancelConditionalOrderAsync(order.Symbol, order.ClientAlgoId) is AlgoOrderOutcome.Accepted ? 1 : 0;
            }
        }

        return cancelled;
    }
}
