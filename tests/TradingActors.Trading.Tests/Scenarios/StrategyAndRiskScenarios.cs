using Akka.Actor;
using Akka.Configuration;
using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Strategy;
using static TradingActors.Trading.Risk.RiskProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

[Collection(SimulatorScenarios.Name)]
public sealed class StrategyAndRiskScenarios : IAsyncLifetime
{
    private TradingScenario _scenario = null!;
    private IActorRef _risk = null!;
    private IReadOnlyDictionary<Market, MarketActors> _markets = null!;

    public async Task InitializeAsync()
    {
        _scenario = await TradingScenario.StartAsync();
        _markets = new Dictionary<Market, MarketActors> { [Market.Futures] = _scenario.Futures, [Market.Spot] = _scenario.Spot };
        _risk = _scenario.System.ActorOf(RiskManager.Props(new RiskSettings { MaxOpenPositions = 2 }, _markets, _scenario.PositionList), "risk");
    }

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_strategy_whose_rule_holds_opens_a_protected_position_and_journals_the_signal()
    {
        var definitions = StrategyDefinitions.Read(ConfigurationFactory.ParseString("""
            trading-actors.strategies.always-long {
              market = FUTURES
              symbol = BTCUSDT
              bar-interval = 100ms
              entry.long.when = "close > 0"
              stop-distance = "close * 0.02"
            }
            """));

        var strategies = await StrategyShards.StartAsync(_scenario.System, definitions, _markets, _risk);

        StrategyProtocol.SignalRecorded? opened = null;
        var price = 50_000m;
        await _scenario.WaitUntilAsync(async () =>
        {
            // Prices move only when set: keep the market ticking so bars form.
            _scenario.SetPrice(TradingScenario.Btc, price += 1m);
            var signals = await strategies.Ask<StrategyProtocol.Signals>(new StrategyProtocol.GetSignals("always-long"), TimeSpan.FromSeconds(5));
            opened = signals.Recent.FirstOrDefault(s => s.Decision == "opened");
            return opened is not null;
        });
        var view = await _scenario.AwaitPositionAsync(_scenario.Futures, opened!.Position!.Value, p => p.ActiveStop is not null);
        Assert.Equal("strategy:always-long", view.Data.Origin);
        Assert.Equal(definitions[0].Revision, opened.Revision);
        Assert.True(view.Data.StopPrice < opened.Price);
    }

    [Fact]
    public async Task Entries_beyond_the_limits_are_denied()
    {
        var first = await _risk.Ask<object>(new CheckEntry(Market.Futures, TradingScenario.Btc, 0.01m, 50_000m), TimeSpan.FromSeconds(5));
        var tooBig = await _risk.Ask<object>(new CheckEntry(Market.Spot, TradingScenario.Btc, 10m, 50_000m), TimeSpan.FromSeconds(5));

        Assert.IsType<EntryApproved>(first);
        Assert.Contains("notional", Assert.IsType<EntryDenied>(tooBig).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_checked_at_the_same_moment_cannot_both_take_the_same_slot()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _risk.Ask<object>(new CheckEntry(Market.Futures, TradingScenario.Btc, 0.01m, 50_000m), TimeSpan.FromSeconds(10))));

        Assert.Single(answers.OfType<EntryApproved>());
        Assert.All(answers.OfType<EntryDenied>(), d => Assert.Contains("being opened", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_approved_entry_whose_position_is_refused_frees_its_slot_at_once()
    {
        var check = new CheckEntry(Market.Futures, TradingScenario.Btc, 0.01m, 50_000m);
        var approved = Assert.IsType<EntryApproved>(await _risk.Ask<object>(check, TimeSpan.FromSeconds(5)));
        Assert.IsType<EntryDenied>(await _risk.Ask<object>(check, TimeSpan.FromSeconds(5)));

        _risk.Tell(new ReleaseEntry(approved.Reservation));

        Assert.IsType<EntryApproved>(await _risk.Ask<object>(check, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_kill_switch_leaves_every_position_flat_and_no_order_open()
    {
        await OpenAsync(_scenario.Futures, Market.Futures, 49_000m, null);
        await OpenAsync(_scenario.Spot, Market.Spot, 49_000m, 52_000m);
        Assert.NotEmpty(_scenario.Simulator.Engine.OpenOrders(MarketKind.Spot, "BTCUSDT"));

        var engaged = await _risk.Ask<KillSwitchEngaged>(new EngageKillSwitch(), TimeSpan.FromSeconds(30));

        Assert.Equal(2, engaged.ClosedPositions);
        Assert.All(_scenario.Simulator.Engine.Positions(), p => Assert.Equal(0m, p.PositionAmt));
        Assert.Empty(_scenario.Simulator.Engine.OpenOrders(MarketKind.Spot, null));
        Assert.Empty(_scenario.Simulator.Engine.OpenOrders(MarketKind.Futures, null));
        Assert.Empty(_scenario.Simulator.Engine.AlgoOrders(null, openOnly: true));
        var status = await _risk.Ask<RiskStatus>(new GetRiskStatus(), TimeSpan.FromSeconds(5));
        Assert.True(status.EntriesHalted);
        Assert.IsType<EntryDenied>(await _risk.Ask<object>(new CheckEntry(Market.Spot, TradingScenario.Btc, 0.01m, 50_000m), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_loss_closed_while_the_risk_manager_was_away_still_counts_against_the_daily_limit()
    {
        // In a cluster the risk manager is a singleton that moves; a close it was not told of is in the journal.
        Assert.True(await _risk.GracefulStop(TimeSpan.FromSeconds(5)));
        var id = await OpenAsync(_scenario.Futures, Market.Futures, 45_000m, null);
        _scenario.SetPrice(TradingScenario.Btc, 49_000m);
        await _scenario.Futures.Positions.Ask<object>(new PositionProtocol.ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5));
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);

        var risk = _scenario.System.ActorOf(RiskManager.Props(new RiskSettings { DailyLossLimit = 1m }, _markets, _scenario.PositionList), "risk-after");
        var answer = await risk.Ask<object>(new CheckEntry(Market.Spot, TradingScenario.Btc, 0.001m, 49_000m), TimeSpan.FromSeconds(10));

        Assert.Contains("daily loss limit", Assert.IsType<EntryDenied>(answer).Reason, StringComparison.Ordinal);
        Assert.True((await risk.Ask<RiskStatus>(new GetRiskStatus(), TimeSpan.FromSeconds(5))).DailyRealizedPnl < -1m);
    }

    private async Task<PositionId> OpenAsync(MarketActors market, Market kind, decimal stop, decimal? takeProfit)
    {
        var id = PositionId.New();
        await market.Positions.Ask<object>(new PositionProtocol.OpenPosition(
            id, kind, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, stop, takeProfit), TimeSpan.FromSeconds(5));
        await _scenario.AwaitPositionAsync(market, id, p => p.ActiveStop is not null);
        return id;
    }
}
