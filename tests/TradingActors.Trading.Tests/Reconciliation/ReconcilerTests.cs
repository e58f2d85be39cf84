using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.ReadSide;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Tests.Scenarios;
using static TradingActors.Trading.Positions.PositionProtocol;
using static TradingActors.Trading.Reconciliation.ReconcilerEvents;
using static TradingActors.Trading.Reconciliation.ReconcilerProtocol;
using EngineSide = TradingActors.Simulator.Engine.OrderSide;
using OrderType = TradingActors.Simulator.Engine.OrderType;
using TimeInForce = TradingActors.Simulator.Engine.TimeInForce;

namespace TradingActors.Trading.Tests.Reconciliation;

/// <summary>The reconciler against the simulator: each class of difference, made on the exchange behind the node's back.</summary>
[Collection(SimulatorScenarios.Name)]
public sealed class ReconcilerTests : IAsyncLifetime
{
    private const string Btc = "BTCUSDT";
    private TradingScenario _scenario = null!;
    private IActorRef _reconciler = null!;

    private ExchangeEngine Engine => _scenario.Simulator.Engine;

    public async Task InitializeAsync()
    {
        // A long verification deadline: an entry left unseen stays PENDING_ENTRY until the reconciler looks.
        _scenario = await TradingScenario.StartAsync(new PositionSettings
        {
            EntryVerificationDeadline = TimeSpan.FromMinutes(1), VerificationBackoff = TimeSpan.FromMilliseconds(100),
        });
        _reconciler = StartReconciler(new ReconcilerSettings());
    }

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_foreign_order_is_cancelled_with_an_alert()
    {
        PlaceForeignLimit("manual-1");

        var report = await ReconcileAsync();

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.Cancelled);
        Assert.Contains("manual-1", finding.Subject, StringComparison.Ordinal);
        Assert.Equal(AlertSeverity.Warning, finding.Severity);
        Assert.Equal((1, 1), (report.Cancelled, report.Alerts));
        await _scenario.WaitUntilAsync(() => Task.FromResult(Engine.OpenOrders(MarketKind.Futures, Btc).Count == 0), describe: () => "the foreign order is still open");
    }

    [Fact]
    public async Task A_dry_run_reports_what_it_would_do_and_does_nothing()
    {
        PlaceForeignLimit("manual-2");

        var report = await ReconcileAsync(dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(1, report.Cancelled);
        Assert.Single(Engine.OpenOrders(MarketKind.Futures, Btc));
        Assert.DoesNotContain(await JournalAsync(), e => e is DifferenceResolved);
    }

    [Fact]
    public async Task A_foreign_futures_position_is_closed_at_market()
    {
        Engine.PlaceFuturesOrder(new FuturesOrderRequest(Btc, EngineSide.Buy, OrderType.Market) { Quantity = 0.02m, NewClientOrderId = "manual-3" });

        var report = await ReconcileAsync();

        var finding = Assert.Single(report.Findings, f => f.Kind == FindingKind.Closed);
        Assert.Equal(AlertSeverity.Critical, finding.Severity);
        await _scenario.WaitUntilAsync(() => Task.FromResult(Engine.Positions().All(p => p.PositionAmt == 0m)), describe: () => "the foreign position is still open");
        // One order executed (a loaded machine may see a -1021 clock refusal first, which executes nothing).
        Assert.Single(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL", ReduceOnly: true, Outcome: "accepted" });
    }

    [Fact]
    public async Task A_foreign_futures_position_is_adopted_with_a_stop_when_configured()
    {
        var reconciler = StartReconciler(new ReconcilerSettings { ForeignPositions = ForeignPositionAction.Adopt }, "adopting");
        Engine.PlaceFuturesOrder(new FuturesOrderRequest(Btc, EngineSide.Sell, OrderType.Market) { Quantity = 0.02m, NewClientOrderId = "manual-4" });

        var report = await ReconcileAsync(reconciler: reconciler);

        Assert.Single(report.Findings, f => f.Kind == FindingKind.Adopted);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(Engine.AlgoOrders(Btc, openOnly: true).Any(a => a.Side == EngineSide.Buy && a.TriggerPrice > 50_000m)),
            describe: () => "the adopted short got no stop above the price");
        var adopted = (await _scenario.Futures.Positions.Ask<PositionView>(new GetPosition(Assert.Single(await OpenPositionIdsAsync())), TimeSpan.FromSeconds(5))).Data;
        Assert.Equal((PositionDirection.Short, 0.02m, "reconciler:adopted"), (adopted.Direction, adopted.Quantity, adopted.Origin));
    }

    [Fact]
    public async Task A_stop_cancelled_behind_the_nodes_back_is_rearmed()
    {
        var id = await OpenActiveLongAsync(0.01m);
        var stop = Assert.Single(Engine.AlgoOrders(Btc, openOnly: true));
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 50 });
        Engine.CancelAlgoOrder(stop.AlgoId, null);

        var report = await ReconcileAsync();

        Assert.Single(report.Findings, f => f.Kind == FindingKind.Rearmed && f.Severity == AlertSeverity.Critical);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(Engine.AlgoOrders(Btc, openOnly: true).Any(a => a.ClientAlgoId != stop.ClientAlgoId && a.TriggerPrice == 49_000m)),
            describe: () => "no new stop on the exchange");
        var view = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop is { } s && s.ClientOrderId.Value != stop.ClientAlgoId);
        Assert.Equal(PositionState.Active, view.Data.State);
    }

    [Fact]
    public async Task A_position_closed_on_the_exchange_while_unseen_is_closed_from_its_trades()
    {
        var id = await OpenActiveLongAsync(0.01m);
        var entry = (await _scenario.PositionAsync(_scenario.Futures, id)).Data;
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 50 });
        Engine.CancelAlgoOrder(Assert.Single(Engine.AlgoOrders(Btc, openOnly: true)).AlgoId, null);
        _scenario.SetPrice(TradingScenario.Btc, 50_500m);
        Engine.PlaceFuturesOrder(new FuturesOrderRequest(Btc, EngineSide.Sell, OrderType.Market) { Quantity = 0.01m, ReduceOnly = true, NewClientOrderId = "manual-5" });
        var exit = Engine.Trades(MarketKind.Futures, Btc).Last();

        var report = await ReconcileAsync();

        Assert.Single(report.Findings, f => f.Kind == FindingKind.Closed);
        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.OrphanClosed);
        Assert.Equal(CloseReason.Reconciled, closed.Data.CloseReason);
        Assert.Equal(((exit.Price - entry.EntryPrice) * 0.01m) - entry.Fees - exit.Commission, closed.Data.RealizedPnl);
    }

    [Fact]
    public async Task A_position_missing_from_the_exchange_without_exit_trades_is_left_open_with_an_alert()
    {
        var id = await OpenActiveLongAsync(0.01m);
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.PositionLagMs, Market = "FUTURES", LagMs = 60_000 });

        var report = await ReconcileAsync();

        Assert.Single(report.Findings, f => f.Kind == FindingKind.Unresolved && f.Severity == AlertSeverity.Critical);
        Assert.Equal(PositionState.Active, (await _scenario.PositionAsync(_scenario.Futures, id)).Data.State);
    }

    [Fact]
    public async Task A_quantity_reduced_behind_the_nodes_back_is_corrected_and_the_stop_resized()
    {
        var id = await OpenActiveLongAsync(0.02m);
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 50 });
        Engine.PlaceFuturesOrder(new FuturesOrderRequest(Btc, EngineSide.Sell, OrderType.Market) { Quantity = 0.01m, ReduceOnly = true, NewClientOrderId = "manual-6" });

        var report = await ReconcileAsync();

        Assert.Single(report.Findings, f => f.Kind == FindingKind.Corrected);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.Quantity == 0.01m);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(Engine.AlgoOrders(Btc, openOnly: true) is [{ Quantity: 0.01m }]),
            describe: () => $"the stop was not resized: {string.Join(", ", Engine.AlgoOrders(Btc, openOnly: true))}");
    }

    [Fact]
    public async Task An_entry_that_filled_unseen_is_adopted_and_protected()
    {
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/fapi/v1/order", Method = "POST", Mode = "abort", Count = 1 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 50 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "GET", Execute = false });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/*/positionRisk", Method = "GET", Execute = false });
        var id = await OpenLongAsync(0.01m);
        await _scenario.WaitUntilAsync(() => Task.FromResult(Engine.Positions().Any(p => p.PositionAmt == 0.01m)), describe: () => "the entry never executed");
        Assert.Equal(PositionState.PendingEntry, (await _scenario.PositionAsync(_scenario.Futures, id)).Data.State);

        // The position can be read again, the entry's order still cannot: only the reconciler can see the fill.
        _scenario.Simulator.ClearFaults();
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "GET", Execute = false });
        var report = await ReconcileAsync();
        _scenario.Simulator.ClearFaults();

        Assert.Contains(report.Findings, f => f.Kind == FindingKind.Adopted && f.Subject.Contains(id.Value, StringComparison.Ordinal));
        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        Assert.Equal(0.01m, active.Data.Quantity);
    }

    [Fact]
    public async Task An_exchange_that_answers_5xx_once_is_read_again()
    {
        PlaceForeignLimit("manual-7");
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/openOrders", Method = "GET", Count = 1 });

        var report = await ReconcileAsync();

        Assert.Empty(report.Errors);
        Assert.Equal(1, report.Cancelled);
    }

    [Fact]
    public async Task An_exchange_that_keeps_answering_5xx_is_reported_and_nothing_is_done_there()
    {
        PlaceForeignLimit("manual-8");
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/openOrders", Method = "GET" });

        var report = await ReconcileAsync();

        var error = Assert.Single(report.Errors);
        Assert.StartsWith("Futures", error, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Market == Market.Futures);
        Assert.Single(Engine.OpenOrders(MarketKind.Futures, Btc));
    }

    [Fact]
    public async Task After_a_restart_the_reconciler_resumes_from_its_journal()
    {
        PlaceForeignLimit("manual-9");
        var first = await ReconcileAsync();
        await _scenario.StopNodeAsync();
        await _scenario.StartNodeAsync();
        var reconciler = StartReconciler(new ReconcilerSettings());

        var last = await reconciler.Ask<LastReconciliation>(new GetLastReconciliation(), TimeSpan.FromSeconds(5));
        var second = await ReconcileAsync(reconciler: reconciler);

        Assert.Equal(first.Run, last.Report!.Run);
        Assert.Equal(1, last.Report.Cancelled);
        Assert.Equal(first.Run + 1, second.Run);
    }

    private IActorRef StartReconciler(ReconcilerSettings settings, string name = "reconciler")
    {
        var markets = new Dictionary<Market, MarketActors> { [Market.Futures] = _scenario.Futures, [Market.Spot] = _scenario.Spot };
        var quiet = settings with { Interval = TimeSpan.Zero, StartupDelay = TimeSpan.FromHours(1), ReadBackoff = TimeSpan.FromMilliseconds(50) };
        return _scenario.System.ActorOf(Reconciler.Props(markets, quiet, _scenario.PositionList), name);
    }

    private async Task<IReadOnlyList<PositionId>> OpenPositionIdsAsync()
    {
        var list = await _scenario.PositionList.Ask<PositionListProjection.PositionList>(new PositionListProjection.ListPositions(CatchUp: true), TimeSpan.FromSeconds(5));
        return list.Positions.Where(p => !p.State.IsTerminal()).Select(p => p.Id).ToList();
    }

    private async Task<ReconciliationReport> ReconcileAsync(bool dryRun = false, IActorRef? reconciler = null) =>
        await (reconciler ?? _reconciler).Ask<ReconciliationReport>(new Reconcile(ReconcileMode.All, dryRun), TimeSpan.FromSeconds(30));

    private async Task<List<object>> JournalAsync()
    {
        return [.. await _scenario.EventsAsync("reconciler")];
    }

    private void PlaceForeignLimit(string clientId) =>
        Engine.PlaceFuturesOrder(new FuturesOrderRequest(Btc, EngineSide.Buy, OrderType.Limit)
        {
            Quantity = 0.01m, Price = 40_000m, TimeInForce = TimeInForce.Gtc, NewClientOrderId = clientId,
        });

    private async Task<PositionId> OpenLongAsync(decimal quantity)
    {
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, quantity, new ExecutionPolicy.Market(), 50_000m, 49_000m),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        return id;
    }

    private async Task<PositionId> OpenActiveLongAsync(decimal quantity)
    {
        var id = await OpenLongAsync(quantity);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        await _scenario.WaitUntilAsync(() => Task.FromResult(Engine.AlgoOrders(Btc, openOnly: true).Count == 1), describe: () => "no stop on the exchange");
        return id;
    }
}
