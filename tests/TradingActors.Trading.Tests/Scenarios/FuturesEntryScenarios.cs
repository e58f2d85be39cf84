using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator.Faults;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Serialization;
using TradingActors.Trading.Sharding;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

[Collection(SimulatorScenarios.Name)]
public sealed class FuturesEntryScenarios : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync(new PositionSettings
    {
        EntryVerificationDeadline = TimeSpan.FromSeconds(1),
        VerificationBackoff = TimeSpan.FromMilliseconds(100),
    });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_maker_order_that_fills_within_its_window_needs_no_taker()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(10), new ExecutionPolicy.Market()));
        await _scenario.WaitUntilAsync(() => Task.FromResult(_scenario.Orders("FUTURES").Count == 1));

        _scenario.SetPrice(TradingScenario.Btc, 49_900m);

        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active);
        var entry = _scenario.Orders("FUTURES")[0];
        Assert.Equal("LIMIT", entry.Type);
        Assert.DoesNotContain(_scenario.Orders("FUTURES"), o => o.Type == "MARKET");
    }

    [Fact]
    public async Task A_maker_order_that_times_out_is_cancelled_and_the_rest_taken_at_market()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromMilliseconds(300), new ExecutionPolicy.Market()));

        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active);

        Assert.Equal(0.01m, active.Data.Quantity);
        var ledger = _scenario.Simulator.Ledger.Entries(market: "FUTURES").Where(e => e.Outcome == "accepted").ToList();
        Assert.Equal(["NEW LIMIT", "CANCEL", "NEW MARKET"], ledger.Take(3).Select(e => e.Action == "CANCEL" ? "CANCEL" : $"NEW {e.Type}"));
    }

    [Fact]
    public async Task A_post_only_order_refused_as_taker_falls_back_to_market()
    {
        // The maker buy is priced at the bid, then held in flight while the market falls below it: on arrival it
        // would take liquidity, so the venue refuses it (-5022). The hold stays under the connector's 2 s request
        // timeout, or the order would become an unknown outcome instead.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Latency, Endpoint = "/fapi/v1/order", Method = "POST", LatencyMs = 1_500, Count = 1 });
        var id = await OpenLongAsync(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(10), new ExecutionPolicy.Market()));
        // The maker order is in flight once its intent journaled it (reading the journal disturbs no actor).
        await _scenario.WaitUntilAsync(async () =>
        {
            var events = await _scenario.EventsAsync(OrderIntent.PersistenceIdOf(new IntentId($"{id.Value}-en")));
            return events.Any(e => e is IntentEvents.OrderSending);
        });
        _scenario.SetPrice(TradingScenario.Btc, 49_500m);

        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active);
        var orders = _scenario.Orders("FUTURES");
        Assert.True(orders[0].Code == -5022, string.Join("; ", orders));
        Assert.Equal("MARKET", orders[1].Type);
    }

    [Fact]
    public async Task A_twap_entry_is_sent_in_its_slices()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Twap(3, TimeSpan.FromMilliseconds(50)), quantity: 0.03m);

        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active);

        Assert.Equal(0.03m, active.Data.Quantity);
        Assert.Equal(3, _scenario.Orders("FUTURES").Count(o => o.Type == "MARKET" && o.Side == "BUY"));
    }

    [Fact]
    public async Task An_entry_accepted_but_unanswered_is_found_by_query_and_never_sent_twice()
    {
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/fapi/v1/order", Method = "POST", Count = 1 });

        var id = await OpenLongAsync(new ExecutionPolicy.Market());

        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        Assert.Single(_scenario.Orders("FUTURES"), o => o.Type == "MARKET");
    }

    [Fact]
    public async Task Positions_lagging_on_rest_do_not_roll_back_an_entry_the_stream_confirmed()
    {
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.PositionLagMs, LagMs = 5_000 });

        var id = await OpenLongAsync(new ExecutionPolicy.Market());

        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        Assert.Equal(0.01m, active.Data.Quantity);
    }

    [Fact]
    public async Task A_maker_order_the_exchange_has_forgotten_is_cancelled_once_and_the_fallback_fills()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(2), new ExecutionPolicy.Market()));
        var entry = (await _scenario.PositionAsync(_scenario.Futures, id)).Data.EntryIntent;
        await _scenario.WaitUntilAsync(async () =>
            await _scenario.Futures.Intents.Ask<object>(new IntentProtocol.GetIntent(entry), TimeSpan.FromSeconds(5)) is IntentProtocol.IntentReport report
            && report.Legs.Any(l => l.Status == OrderStatus.New));

        await _scenario.StopNodeAsync();
        await _scenario.ReplaceExchangeAsync();
        await _scenario.StartNodeAsync();

        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active, TimeSpan.FromSeconds(20));
        Assert.Equal(0.01m, active.Data.Quantity);
        // A fresh exchange's clock is behind the node's: a request refused for its timestamp (-1021) is re-signed, not counted.
        var requests = _scenario.Simulator.Ledger.Entries(market: "FUTURES").Where(e => e.Code != -1021).ToList();
        var cancel = Assert.Single(requests, e => e.Action == "CANCEL");
        Assert.Equal(ExchangeErrorCodes.UnknownOrderSent, cancel.Code);
        Assert.Single(requests, e => e.Action == "NEW" && e.Type == "MARKET" && !e.ReduceOnly);
    }

    [Fact]
    public async Task A_flatness_check_behind_a_ban_and_failing_position_reads_keeps_trying_until_the_exchange_answers()
    {
        // As below, but the positions stay unreadable well past the check's first retries (a 418 ban on orders and
        // 5xx on positionRisk): the check warns, keeps asking, and settles once the exchange answers again.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 100 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "POST", Count = 1 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "GET" });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v2/positionRisk" });
        var id = await OpenLongAsync(new ExecutionPolicy.Market());
        await _scenario.WaitUntilAsync(() => Task.FromResult(_scenario.Orders("FUTURES").Count == 1));
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Ban418, Endpoint = "/fapi/v1/order", Method = "POST", RetryAfterSeconds = 1 });

        await _scenario.WaitUntilAsync(
            async () => (await _scenario.TaggedAsync(JournalTags.Alerts)).Any(a => a is AlertRaised alert && alert.Message.Contains("cannot verify yet", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            () => "the flatness check never warned that it cannot verify yet");
        _scenario.Simulator.ClearFaults();

        var settled = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.VerifiedFlat is not null, TimeSpan.FromSeconds(30));
        Assert.Equal(PositionState.RolledBack, settled.Data.State);
        Assert.False(settled.Data.VerifiedFlat);
    }

    [Fact]
    public async Task A_rollback_that_fails_to_flatten_raises_an_alert()
    {
        // The entry executes but answers 500, its fill never reaches the stream, and neither its order nor the
        // positions can be read: unknown at the deadline.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 100 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "POST", Count = 1 });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v1/order", Method = "GET" });
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/fapi/v2/positionRisk" });
        var id = await OpenLongAsync(new ExecutionPolicy.Market());
        await _scenario.WaitUntilAsync(() => Task.FromResult(_scenario.Orders("FUTURES").Count == 1));

        // The rollback's reduce-only close is refused, so the position stays open on the exchange; then the
        // exchange answers again, and the flatness check (still retrying) sees what is left.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.Ban418, Endpoint = "/fapi/v1/order", Method = "POST", RetryAfterSeconds = 1 });
        var rollback = new IntentId($"{id.Value}-rb");
        await _scenario.WaitUntilAsync(async () =>
            await _scenario.Futures.Intents.Ask<object>(new IntentProtocol.GetIntent(rollback), TimeSpan.FromSeconds(5)) is IntentProtocol.IntentReport { Status: IntentStatus.Failed });
        _scenario.Simulator.ClearFaults();

        var rolledBack = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.RolledBack && p.VerifiedFlat is not null, TimeSpan.FromSeconds(30));
        Assert.False(rolledBack.Data.VerifiedFlat);
        await _scenario.WaitUntilAsync(
            async () => (await _scenario.TaggedAsync(JournalTags.Alerts)).Any(a => a is AlertRaised { Severity: AlertSeverity.Critical } alert && alert.Message.Contains("not flat", StringComparison.Ordinal)),
            describe: () => "no critical 'not flat' alert on the alerts tag");
    }

    [Fact]
    public async Task An_exchange_fill_reaches_its_position_from_the_stream_with_no_router_in_between()
    {
        // The entry executes but its answer is lost: only the user-data stream brings the fill, which the gateway
        // hands to the intent region by the key in its client order id, and the intent reports straight to its position.
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/fapi/v1/order", Method = "POST", Count = 1 });
        var id = await OpenLongAsync(new ExecutionPolicy.Market());

        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active);

        Assert.Equal(0.01m, active.Data.Quantity);
        var user = Node.Management.ActorHierarchy.Read(_scenario.System, "/user", 1)!;
        Assert.DoesNotContain(user.Children, c => c.Name.Contains("router", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(user.Children, c => c.Name == "futures-gateway");
        var sharding = Node.Management.ActorHierarchy.Read(_scenario.System, "/system/sharding", 1)!;
        Assert.Contains(sharding.Children, c => c.Name == TradingShards.IntentTypeName(Market.Futures));
        Assert.Contains(sharding.Children, c => c.Name == TradingShards.PositionTypeName(Market.Futures));
    }

    private async Task<PositionId> OpenLongAsync(ExecutionPolicy policy, decimal quantity = 0.01m)
    {
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, quantity, policy, 50_000m, 49_000m),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        return id;
    }
}
