using TradingActors.Simulator.Faults;
using TradingActors.Trading.Tests.Scenarios;

namespace TradingActors.Trading.Tests.Gateways;

[Collection(SimulatorScenarios.Name)]
public sealed class ExchangeGatewayTests : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_gateway_whose_first_set_up_times_out_starts_again_and_becomes_ready()
    {
        await _scenario.StopNodeAsync();

        // Longer than the connector's request timeout: the first set-up fails while its subscriptions are still opening.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Latency, Endpoint = "/fapi/v1/exchangeInfo", LatencyMs = 2_500, Count = 1 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Latency, Endpoint = "/fapi/v1/listenKey", LatencyMs = 3_000, Count = 1 });

        await _scenario.StartNodeAsync();
    }
}
