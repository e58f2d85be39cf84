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
