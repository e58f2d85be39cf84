using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;
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
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, 49_000m),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        // Both clocks move to the settlement, where the exchange charges the long.
        var toFunding = TimeSpan.FromMilliseconds(engine.NextFundingTime - _exchangeClock.GetUtcNow().ToUnixTimeMilliseconds());
        _exchangeClock.Advance(toFunding);
        engine.Tick();
        _nodeClock.Advance(toFunding);
        var charged = Assert.Single(engine.Income("BTCUSDT", "FUNDING_FEE", new HistoryQuery()));
        Assert.True(charged.Income < 0m, $"a long pays a positive rate, got {charged.Income}");

        var notices = _scenario.Kit.CreateTestProbe();
        _scenario.System.EventStream.Subscribe(notices.Ref, typeof(PositionClosedNotice));
        _scenario.SetPrice(TradingScenario.Btc, 50_400m);
        await _scenario.Kit.AwaitAssertAsync(() => Assert.True(_scenario.Futures.Context.Quotes.TryGet(TradingScenario.Btc, out var q) && q.Bid >= 50_000m));
        Assert.IsType<CloseAccepted>(await _scenario.Futures.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5)));

        var closed = (await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed && p.Funding is not null)).Data;
        Assert.Equal(charged.Income, closed.Funding);
        Assert.Equal((0.01m * (closed.ExitPrice!.Value - closed.EntryPrice)) - closed.Fees + charged.Income, closed.RealizedPnl);
        var notice = await notices.ExpectMsgAsync<PositionClosedNotice>(TimeSpan.FromSeconds(10));
        Assert.Equal(closed.RealizedPnl, notice.RealizedPnl);
        var recorded = Assert.Single((await _scenario.EventsAsync(Trading.Positions.Position.PersistenceIdOf(id))).OfType<FundingRecorded>());
        Assert.Equal((charged.Income, 1), (recorded.Amount, recorded.Payments));

        // The exchange's own account of the symbol (realized PnL, commissions, funding) adds up to the same.
        var income = engine.Income("BTCUSDT", null, new HistoryQuery()).Sum(i => i.Income);
        Assert.Equal(income, closed.RealizedPnl);
    }
}
