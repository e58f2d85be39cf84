using Akka.Event;
using Akka.Actor;
using TradingActors.Exchange;
using Akka.Persistence;
using TradingActors.Trading.Time;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentProtocol;
using static TradingActors.Trading.Reconciliation.ReconcilerAction;
using static TradingActors.Trading.Reconciliation.ReconcilerEvents;
using static TradingActors.Trading.Reconciliation.ReconcilerProtocol;

namespace TradingActors.Trading.Reconciliation;

/// <summary>
/// Makes the journal and the exchange agree (S5): after recovery at start, periodically, after every stream gap
/// and on demand. Each run reads both truths off the actor's thread, classifies every difference
/// (<see cref="ReconciliationRules"/>), acts through the routers and the positions (never directly on the
/// exchange, so every order it causes is an intent in a journal), and journals what it did. One run at a time;
/// a market whose exchange cannot be read is left alone for that run.
/// </summary>
public sealed class Reconciler : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyDictionary<Market, MarketActors> _markets;
    private readonly ReconcilerSettings _settings;
    private readonly IActorRef _positionList;
    private ReconciliationReport? _last;
    private long _run;
    private bool _running;

    /// <param name="positionList">The read side's <see cref="ReadSide.PositionListProjection"/>: the journal's positions, not the entities in memory.</param>
    public Reconciler(IReadOnlyDictionary<Market, MarketActors> markets, ReconcilerSettings settings, IActorRef positionList)
    {
        _positionList = positionList;
        _markets = markets;
        _settings = settings;

        Recover<DifferenceResolved>(e => _run = Math.Max(_run, e.Run));
        Recover<ReconciliationCompleted>(e =>
        {
            _last = e.Report;
            _run = Math.Max(_run, e.Report.Run);
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Reconcile>(r => Begin(r, "on demand", Sender), _ => !_running);
        Command<Reconcile>(_ => Stash.Stash());
        Command<Scheduled>(s =>
        {
            // A run in progress reads the exchange anyway: a scheduled one adds nothing.
            if (!_running)
            {
                Begin(new Reconcile(s.Mode), s.Trigger, ActorRefs.Nobody);
            }
        });
        Command<StreamGap>(gap => Timers.StartSingleTimer(
            $"gap-{gap.Market}", new Scheduled(ModeOf(gap.Market), $"{gap.Market} stream gap"), _settings.AfterGapDelay));
        Command<Observed>(OnObserved);
        Command<GetLastReconciliation>(_ => Sender.Tell(new LastReconciliation(_last)));
        Command<PositionProtocol.Reconciled>(r => Log.Info("Reconciliation: position {Id}: {Detail}", r.Id, r.Detail));
        Command<IntentReport>(_ => { });
        Command<IntentNotFound>(_ => { });
        Command<Akka.Cluster.Tools.PublishSubscribe.SubscribeAck>(_ => { });
        Command<Status.Failure>(f => Log.Warning(f.Cause, "Reconciliation: a request failed"));
    }

    public override string PersistenceId => "reconciler";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyDictionary<Market, MarketActors> markets, ReconcilerSettings settings, IActorRef positionList) =>
        Akka.Actor.Props.Create(() => new Reconciler(markets, settings, positionList));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private static ReconcileMode ModeOf(Market market) => market == Market.Futures ? ReconcileMode.Futures : ReconcileMode.Spot;

    private void OnRecovered()
    {
        TradingTopics.Subscribe(Context.System, TradingTopics.StreamGaps, Self);
        Timers.StartSingleTimer("startup", new Scheduled(ReconcileMode.All, "start"), _settings.StartupDelay);
        if (_settings.Interval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("periodic", new Scheduled(ReconcileMode.All, "periodic"), _settings.Interval);
        }
    }

    private void Begin(Reconcile request, string trigger, IActorRef replyTo)
    {
        _running = true;
        var run = ++_run;
        var markets = _markets.Where(m => request.Mode == ReconcileMode.All || ModeOf(m.Key) == request.Mode).ToList();
        var started = Now;
        var time = TradingClock.Get(Context.System).TimeProvider;
        ObserveAsync(Context.System, markets, _positionList, _settings, time)
            .PipeTo(Self, success: observations => new Observed(run, request, trigger, replyTo, started, observations), failure: e => new Observed(run, request, trigger, replyTo, started, [], e.Message));
    }

    /// <summary>Both truths of every market, off the actor's thread; a market that cannot be read carries its error.</summary>
    private static async Task<IReadOnlyList<MarketObservation>> ObserveAsync(
        ActorSystem system, IReadOnlyList<KeyValuePair<Market, MarketActors>> markets, IActorRef positionList, ReconcilerSettings settings, TimeProvider time)
    {
        var observations = new List<MarketObservation>();
        foreach (var (market, actors) in markets)
        {
            try
            {
                var before = await JournaledAsync(positionList, market);
                var tradesSince = before.Where(p => p.State is PositionState.Active or PositionState.PendingClosing)
                    .GroupBy(p => p.Symbol)
                    .ToDictionary(g => g.Key, g => g.Min(p => p.ActiveSince ?? p.OpenedAt) - ReconciliationRules.ClockSkew);
                var truth = await ExchangeTruth.ReadAsync(actors.Context.Exchange, tradesSince, settings, time, CancellationToken.None);
                truth = truth with { BaseAssets = actors.Context.Rules.ToDictionary(r => r.Key, r => r.Value.BaseAsset) };

                // The journal is read again after the exchange: every position whose orders the exchange showed is in it,
                // whether or not its entity is in memory yet (after a restart the shards start them a moment later).
                var positions = await JournaledAsync(positionList, market);
                var live = await actors.LiveIntentsAsync(system, AskTimeout);
                var dormant = await DormantIntentsAsync(actors, truth, positions, live);
                observations.Add(new MarketObservation(market, truth, new LocalTruth(positions, live, dormant), null));
            }
            catch (Exception e) when (e is ExchangeReadException or AskTimeoutException or TaskCanceledException)
            {
                observations.Add(new MarketObservation(market, null, null, $"{market}: {e.Message}; nothing done in this market"));
            }
        }

        return observations;
    }

    private static async Task<IReadOnlyList<PositionData>> JournaledAsync(IActorRef positionList, Market market)
    {
        var list = await positionList.Ask<ReadSide.PositionListProjection.PositionList>(new ReadSide.PositionListProjection.ListPositions(CatchUp: true), AskTimeout);
        return list.Positions.Where(p => p.Market == market).ToList();
    }

    /// <summary>Our orders on the exchange that no live intent works: their intents are asked for (which resumes them from their journals).</summary>
    private static async Task<Dictionary<IntentId, IntentReport?>> DormantIntentsAsync(
        MarketActors actors, ExchangeTruth truth, IReadOnlyList<PositionData> positions, IReadOnlyList<IntentReport> live)
    {
        var worked = live.SelectMany(i => i.Legs).Select(l => l.ClientOrderId).ToHashSet();
        var owned = ReconciliationRules.OwnedDigests(positions, actors.Context.Settings.ClientOrderIdPrefix);
        var dormant = new Dictionary<IntentId, IntentReport?>();
        foreach (var clientId in truth.WorkingClientIds.Where(c => !worked.Contains(c)))
        {
            if (owned.TryGetValue(LocalTruth.IntentDigest(clientId), out var owner) && !dormant.ContainsKey(owner.Intent))
            {
                dormant[owner.Intent] = await actors.Intents.Ask<object>(new GetIntent(owner.Intent), AskTimeout) as IntentReport;
            }
        }

        return dormant;
    }

    private void OnObserved(Observed observed)
    {
        var plan = new List<PlannedAction>();
        var errors = observed.Observations.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        if (observed.Error is not null)
        {
            errors.Add(observed.Error);
        }

        foreach (var observation in observed.Observations.Where(o => o.Error is null))
        {
            var context = _markets[observation.Market].Context;
            plan.AddRange(ReconciliationRules.Classify(observation.Exchange!, observation.Local!, context.Settings.ClientOrderIdPrefix, _settings, PositionId.New));
        }

        var report = new ReconciliationReport(
            observed.Run, observed.Request.Mode, observed.Request.DryRun, observed.Trigger, observed.StartedAt, Now, plan.Select(p => p.Finding).ToList(), errors);
        foreach (var error in errors)
        {
            Log.Warning("Reconciliation {Run}: {Error}", observed.Run, error);
        }

        if (observed.Request.DryRun)
        {
            Finish(report, observed.ReplyTo);
            return;
        }

        foreach (var planned in plan.Where(p => p.Action is not null))
        {
            Act(observed.Run, planned);
        }

        var events = plan.Where(p => p.Finding.Kind != FindingKind.Matched)
            .Select(p => (object)new DifferenceResolved(observed.Run, p.Finding, Now))
            .Append(new ReconciliationCompleted(report))
            .ToList();
        var written = 0;
        PersistAll(events, _ =>
        {
            if (++written == events.Count)
            {
                Finish(report, observed.ReplyTo);
            }
        });
    }

    private void Act(long run, PlannedAction planned)
    {
        var finding = planned.Finding;
        var actors = _markets[finding.Market];
        var level = finding.Severity == AlertSeverity.Critical ? LogLevel.ErrorLevel : LogLevel.WarningLevel;
        Log.Log(level, null, "Reconciliation {Run}: {Kind} {Subject}: {Detail}", run, finding.Kind, finding.Subject, finding.Detail);
        TradingMetrics.ReconcileAction(finding.Market, planned.Action!);
        switch (planned.Action)
        {
            case CancelOrder cancel:
                actors.Intents.Tell(new SubmitIntent(new IntentId($"rc{run}-cancel-{cancel.ClientOrderId.Value}"), new OrderIntentSpec.Cancel
                {
                    Market = finding.Market, Symbol = cancel.Symbol, Target = cancel.ClientOrderId, Conditional = cancel.Conditional,
                }), Self);
                break;
            case CloseForeignPosition close:
                actors.Intents.Tell(new SubmitIntent(new IntentId($"rc{run}-close-{close.Symbol.Value}"), new OrderIntentSpec.Trade
                {
                    Market = finding.Market, Symbol = close.Symbol, Side = close.Side, Quantity = close.Quantity,
                    Policy = new ExecutionPolicy.Market(), ReduceOnly = true,
                }), Self);
                break;
            case ResumeIntent resume:
                actors.Intents.Tell(new GetIntent(resume.Intent), Self);
                break;
            case TellPosition tell:
                actors.Positions.Tell(tell.Command, Self);
                break;
        }
    }

    private void Finish(ReconciliationReport report, IActorRef replyTo)
    {
        _last = report;
        _running = false;
        var counts = $"matched {report.Matched}, adopted {report.Adopted}, cancelled {report.Cancelled}, closed {report.Closed}, "
            + $"corrected {report.Corrected}, rearmed {report.Rearmed}, alerts {report.Alerts}, errors {report.Errors.Count}";
        Log.Info("Reconciliation {Run} ({Trigger}{Dry}): {Counts}", report.Run, report.Trigger, report.DryRun ? ", dry run" : string.Empty, counts);
        replyTo.Tell(report);
        Stash.UnstashAll();
    }

    private sealed record Scheduled(ReconcileMode Mode, string Trigger);

    private sealed record MarketObservation(Market Market, ExchangeTruth? Exchange, LocalTruth? Local, string? Error);

    private sealed record Observed(
        long Run, Reconcile Request, string Trigger, IActorRef ReplyTo, DateTimeOffset StartedAt, IReadOnlyList<MarketObservation> Observations, string? Error = null);
}
