using Akka.Actor;
using Akka.Pattern;
using TradingActors.Exchange;
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

    [Fact]
    public async Task A_gateway_started_again_after_a_failure_reports_the_gap_in_its_user_data_to_the_cluster()
    {
        var gaps = _scenario.Kit.CreateTestProbe();
        TradingTopics.Subscribe(_scenario.System, TradingTopics.StreamGaps, gaps.Ref);
        await gaps.ExpectMsgAsync<Akka.Cluster.Tools.PublishSubscribe.SubscribeAck>(TimeSpan.FromSeconds(5));
        var current = await _scenario.Futures.Gateway.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, TimeSpan.FromSeconds(5));

        current.Ref!.Tell(Kill.Instance);

        var gap = await gaps.ExpectMsgAsync<StreamGap>(TimeSpan.FromSeconds(15));
        Assert.Equal((Market.Futures, StreamKind.UserData), (gap.Market, gap.Kind));
        Assert.True(gap.DisconnectedAt <= gap.EventTime);
    }
}
