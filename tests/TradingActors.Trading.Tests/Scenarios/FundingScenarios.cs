using Akka.Actor;
using Akka.TestKit;
using TradingActors.Exchange;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Tests.Support;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

/// <summary>
/// Futures funding in a position's PnL. The simulator settles funding every hour of its virtual clock; the node's clock
/// starts at the same instant and jumps with it, so the settlement falls between the position's entry and its close.
/// </summary>
[Collection(SimulatorScenarios.Name)]
public sealed class FundingScenarios : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 1, 0, TimeSpan.Zero);

    private readonly JumpingTimeProvider _nodeClock = new(Start);
    private readonly VirtualTimeProvider _exchangeClock = new(Start);
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync(clock: _nodeClock, simulatorOptions: new SimulatorOptions
    {
        TimeProvider = _exchangeClock,
        Engine = new EngineOptions { FundingInterval = TimeSpan.FromHours(1) },

        // The clock jumps most of an hour at once: the keep-alive would count the missing pongs.
        FuturesWebSocketPongTimeout = TimeSpan.FromDays(1),
    });

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        _nodeClock.Dispose();
    }

    [Fact]
    public async Task A_futures_position_that_paid_funding_closes_with_it_in_its_realized_pnl()
    {
        var engine = _scenario.Simulator.Engine;
        var (id, charged) = await OpenAndPayFundingAsync();
        var notices = SubscribeToClosedNotices();

        await CloseAsync(id);

        var closed = (await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed && p.Funding is not null)).Data;
        Assert.Equal(charged, closed.Funding);
        Assert.Equal((0.01m * (closed.ExitPrice!.Value - closed.EntryPrice)) - closed.Fees + charged, closed.RealizedPnl);
        var notice = await notices.ExpectMsgAsync<PositionClosedNotice>(TimeSpan.FromSeconds(10));
        Assert.Equal(closed.RealizedPnl, notice.RealizedPnl);
        var recorded = Assert.Single((await _scenario.EventsAsync(Trading.Positions.Position.PersistenceIdOf(id))).OfType<FundingRecorded>());
        Assert.Equal((charged, 1), (recorded.Amount, recorded.Payments));

        // The exchange's own account of the symbol (realized PnL, commissions, funding) adds up to the same.
        var income = engine.Income("BTCUSDT", null, new HistoryQuery()).Sum(i => i.Income);
        Assert.Equal(income, closed.RealizedPnl);
    }

    [Fact]
    public async Task A_close_whose_funding_cannot_be_read_completes_and_records_the_funding_once_the_exchange_answers()
    {
        var (id, charged) = await OpenAndPayFundingAsync();
        var notices = SubscribeToClosedNotices();
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/income", Status = 503 });

        await CloseAsync(id);

        var notice = await notices.ExpectMsgAsync<PositionClosedNotice>(TimeSpan.FromSeconds(15));
        var closed = (await _scenario.PositionAsync(_scenario.Futures, id)).Data;
        Assert.Equal(PositionState.Closed, closed.State);
        Assert.Null(closed.Funding);
        Assert.Equal((0.01m * (closed.ExitPrice!.Value - closed.EntryPrice)) - closed.Fees, notice.RealizedPnl);

        _scenario.Simulator.ClearFaults();

        var funded = (await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.Funding is not null)).Data;
        Assert.Equal(charged, funded.Funding);
        Assert.Equal(notice.RealizedPnl + charged, funded.RealizedPnl);
    }

    /// <summary>Opens a long, then moves both clocks to the next settlement, where the exchange charges it; returns what it charged.</summary>
    private async Task<(PositionId Id, decimal Charged)> OpenAndPayFundingAsync()
    {
        var engine = _scenario.Simulator.Engine;
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, 49_000m),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        var toFunding = TimeSpan.FromMilliseconds(engine.NextFundingTime - _exchangeClock.GetUtcNow().ToUnixTimeMilliseconds());
        _exchangeClock.Advance(toFunding);
        engine.Tick();
        _nodeClock.Advance(toFunding);
        var charged = Assert.Single(engine.Income("BTCUSDT", "FUNDING_FEE", new HistoryQuery())).Income;
        Assert.True(charged < 0m, $"a long pays a positive rate, got {charged}");
        return (id, charged);
    }

    private TestProbe SubscribeToClosedNotices()
    {
        var notices = _scenario.Kit.CreateTestProbe();
        _scenario.System.EventStream.Subscribe(notices.Ref, typeof(PositionClosedNotice));
        return notices;
    }

    private async Task CloseAsync(PositionId id)
    {
        _scenario.SetPrice(TradingScenario.Btc, 50_400m);
        await _scenario.Kit.AwaitAssertAsync(() => Assert.True(_scenario.Futures.Context.Quotes.TryGet(TradingScenario.Btc, out var q) && q.Bid >= 50_000m));
        Assert.IsType<CloseAccepted>(await _scenario.Futures.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5)));
    }
}
