using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;
using SimOrderType = TradingActors.Simulator.Engine.OrderType;

namespace TradingActors.Trading.Tests.Scenarios;

/// <summary>Futures trailing stops the exchange holds: a TRAILING_STOP_MARKET algo order beside the fixed stop.</summary>
[Collection(SimulatorScenarios.Name)]
public sealed class TrailingStopScenarios : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_futures_trailing_stop_rests_on_the_exchange_beside_the_stop_from_where_it_passes_the_stop()
    {
        var id = await OpenTrailingLongAsync(stop: 49_500m, distance: 0.02m);

        var armed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, HasExchangeTrailingStop);

        var algos = _scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true);
        var trailing = Assert.Single(algos, a => a.OrderType == SimOrderType.TrailingStopMarket);
        Assert.Equal((2m, Simulator.Engine.WorkingType.MarkPrice, true, 0.01m), (trailing.CallbackRate, trailing.WorkingType, trailing.ReduceOnly, trailing.Quantity));

        // 49,500 / (1 - 2 %) = 50,510.2: from there the trailing stop stands above the fixed stop.
        Assert.Equal(50_510.3m, trailing.ActivatePrice);
        Assert.Single(algos, a => a is { OrderType: SimOrderType.StopMarket, TriggerPrice: 49_500m });
        Assert.Equal(ProtectionKind.Stop, armed.Data.ActiveStop!.Kind);
        Assert.Equal(0, armed.Data.Alerts);
    }

    [Fact]
    public async Task A_futures_trailing_stop_keeps_trailing_on_the_exchange_while_the_node_is_stopped_and_the_restarted_node_sees_the_close()
    {
        var id = await OpenTrailingLongAsync(stop: 49_000m, distance: 0.02m);
        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, HasExchangeTrailingStop);

        await _scenario.StopNodeAsync();
        _scenario.SetPrice(TradingScenario.Btc, 55_000m);
        _scenario.SetPrice(TradingScenario.Btc, 54_000m);
        Assert.Contains(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true), a => a.OrderType == SimOrderType.TrailingStopMarket);
        _scenario.SetPrice(TradingScenario.Btc, 53_800m);

        // 2 % below the high of 55,000 is 53,900: the exchange closed the position with nobody watching.
        Assert.DoesNotContain(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true), a => a.OrderType == SimOrderType.TrailingStopMarket);
        Assert.Equal(0m, _scenario.Simulator.Engine.Positions().Where(p => p.Symbol == "BTCUSDT").Sum(p => p.PositionAmt));
        await _scenario.StartNodeAsync();

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed, TimeSpan.FromSeconds(30));
        Assert.Equal(CloseReason.TrailingStop, closed.Data.CloseReason);
        Assert.InRange(closed.Data.ExitPrice!.Value, 53_700m, 53_800m);
        Assert.True(closed.Data.RealizedPnl > 0m);
        Assert.Equal(((closed.Data.ExitPrice!.Value - active.Data.EntryPrice) * 0.01m) - closed.Data.Fees, closed.Data.RealizedPnl);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true).Count == 0),
            describe: () => "the fixed stop is still on the exchange after the close");
        Assert.DoesNotContain(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL", Endpoint: "/fapi/v1/order" });
    }

    private static bool HasExchangeTrailingStop(PositionData p) =>
        p.State == PositionState.Active && p.ActiveStop is not null && p.Protections.Values.Any(x => x.Kind == ProtectionKind.TrailingStop);

    private async Task<PositionId> OpenTrailingLongAsync(decimal stop, decimal distance)
    {
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, stop, TrailingDistance: distance),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        return id;
    }
}
