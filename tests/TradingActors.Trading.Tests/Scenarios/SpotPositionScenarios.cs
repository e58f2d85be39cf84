using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator.Faults;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

[Collection(SimulatorScenarios.Name)]
public sealed class SpotPositionScenarios : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_spot_entry_is_protected_by_an_oco()
    {
        var id = await OpenAsync(stop: 49_000m, takeProfit: 52_000m);

        var view = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.ActiveStop is not null);

        Assert.Equal(ProtectionKind.Oco, view.Data.ActiveStop!.Kind);
        Assert.Contains(_scenario.Orders("SPOT"), o => o.Endpoint.Contains("oco", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, _scenario.Simulator.Engine.OpenOrders(Simulator.Engine.MarketKind.Spot, "BTCUSDT").Count);
    }

    [Fact]
    public async Task Without_oco_the_stop_rests_on_the_exchange_on_its_own()
    {
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.OcoNotAllowed, Symbol = "BTCUSDT" });
        var id = await OpenAsync(stop: 49_000m, takeProfit: 52_000m);

        var view = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.ActiveStop is not null);

        Assert.Equal(ProtectionKind.Stop, view.Data.ActiveStop!.Kind);
        var stop = Assert.Single(_scenario.Simulator.Engine.OpenOrders(Simulator.Engine.MarketKind.Spot, "BTCUSDT"));
        Assert.Equal(49_000m, stop.StopPrice);
    }

    [Fact]
    public async Task Where_stops_are_not_supported_a_guard_stop_sells_at_market_when_the_price_crosses()
    {
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.OcoNotAllowed, Symbol = "BTCUSDT" });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.StopsNotSupported, Symbol = "BTCUSDT" });
        var id = await OpenAsync(stop: 49_000m, takeProfit: 52_000m);
        var guarded = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.ActiveStop is not null);
        Assert.Equal(ProtectionKind.GuardStop, guarded.Data.ActiveStop!.Kind);

        _scenario.SetPrice(TradingScenario.Btc, 48_900m);

        var closed = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.StopLoss, closed.Data.CloseReason);
        Assert.Single(_scenario.Orders("SPOT"), o => o is { Type: "MARKET", Side: "SELL" });
    }

    [Fact]
    public async Task A_close_whose_oco_cancel_a_crash_kept_from_the_exchange_cancels_the_oco_after_the_restart_and_exits()
    {
        var id = await OpenAsync(stop: 49_000m, takeProfit: 52_000m);
        await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.ActiveStop is not null);
        await _scenario.StopNodeAsync();
        await JournalCloseWithAnUnansweredOcoCancelAsync(id);

        await _scenario.StartNodeAsync();

        var closed = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.State == PositionState.Closed, TimeSpan.FromSeconds(20));
        Assert.Empty(closed.Data.Protections);
        Assert.Empty(_scenario.Simulator.Engine.OpenOrders(Simulator.Engine.MarketKind.Spot, "BTCUSDT"));
        Assert.Single(_scenario.Orders("SPOT"), o => o is { Type: "MARKET", Side: "SELL", Outcome: "accepted" });
    }

    [Fact]
    public async Task A_close_whose_oco_cancel_reached_the_exchange_but_not_its_answer_exits_after_the_restart()
    {
        var id = await OpenAsync(stop: 49_000m, takeProfit: 52_000m);
        var active = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.ActiveStop is not null);
        await _scenario.StopNodeAsync();
        await JournalCloseWithAnUnansweredOcoCancelAsync(id);
        _scenario.Simulator.Engine.CancelOrderList("BTCUSDT", null, active.Data.ActiveStop!.ClientOrderId.Value);

        await _scenario.StartNodeAsync();

        var closed = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.State == PositionState.Closed, TimeSpan.FromSeconds(20));
        Assert.Empty(closed.Data.Protections);
        Assert.Single(_scenario.Orders("SPOT"), o => o is { Type: "MARKET", Side: "SELL", Outcome: "accepted" });
    }

    /// <summary>
    /// The state a kill leaves between a close's first steps: the close is journaled and the cancel of the OCO
    /// journaled as sending, but no answer to it was ever journaled.
    /// </summary>
    private async Task JournalCloseWithAnUnansweredOcoCancelAsync(PositionId id)
    {
        var stop = new IntentId($"{id.Value}-sl1");
        await _scenario.AppendToJournalAsync(
            Trading.Positions.Position.PersistenceIdOf(id), new CloseStarted(CloseReason.Manual, new IntentId($"{id.Value}-x1"), DateTimeOffset.UtcNow, new ExecutionPolicy.Market()));
        await _scenario.AppendToJournalAsync(OrderIntent.PersistenceIdOf(stop), new IntentEvents.OrderSending(
            IntentLegs.Oco + "x", ClientOrderIds.Derive(ClientOrderIds.DefaultPrefix, stop, IntentLegs.Oco + "x"), LegKind.Cancel, OrderSide.Sell, 0m, null, DateTimeOffset.UtcNow));
    }

    private async Task<PositionId> OpenAsync(decimal stop, decimal takeProfit)
    {
        var id = PositionId.New();
        var reply = await _scenario.Spot.Positions.Ask<object>(
            new OpenPosition(id, Market.Spot, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, stop, takeProfit),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        return id;
    }
}
