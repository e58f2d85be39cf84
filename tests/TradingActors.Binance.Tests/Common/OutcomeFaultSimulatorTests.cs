using TradingActors.Binance.Tests.Support;
using TradingActors.Exchange;
using TradingActors.Simulator.Faults;

namespace TradingActors.Binance.Tests.Common;

/// <summary>Unknown outcomes, throttling and bans, injected by the simulator's fault API.</summary>
public sealed class OutcomeFaultSimulatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public async Task A_dropped_response_after_execution_is_unknown_and_the_order_is_then_found_by_client_id_without_a_second_order()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o with { UnknownResolutionAttempts = 0 });
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/api/v3/order", Method = "POST", Count = 1 });
        var id = ClientOrderId.Create("ta-drop-1");
        var price = decimal.Round(sim.SpotPrice() * 0.8m, 2);

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.Limit(Btc, id, OrderSide.Buy, 0.01m, price));
        var queried = await sim.Spot.QueryOrderAsync(Btc, id);

        Assert.IsType<OrderOutcome.Unknown>(placed);
        Assert.Equal(id, Assert.IsType<OrderOutcome.Accepted>(queried).Order.ClientOrderId);
        Assert.Equal(1, sim.LedgerCount(id.Value));
    }

    [Fact]
    public async Task A_request_timeout_after_execution_is_settled_as_accepted_by_querying_and_never_resent()
    {
        // Short enough to give up on the hanging order soon, long enough for the queries of a busy machine; the
        // rules are loaded first so that only the order meets the hang.
        await using var sim = await SimulatorHarness.StartAsync(o => o with { RequestTimeout = TimeSpan.FromSeconds(1) });
        await sim.Futures.GetSymbolRulesAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/fapi/v1/order", Method = "POST", Mode = "hang", Count = 1 });
        var id = ClientOrderId.Create("ta-hang-1");

        var placed = await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));

        Assert.Equal(id, Assert.IsType<OrderOutcome.Accepted>(placed).Order.ClientOrderId);
        Assert.Equal(1, sim.LedgerCount(id.Value));
        Assert.Single(await sim.Futures.GetPositionsAsync(Btc), p => p.Quantity == 0.01m);
    }

    [Fact]
    public async Task A_cancel_whose_answer_is_lost_is_settled_by_querying_the_order()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = ClientOrderId.Create("ta-cancel-drop-1");
        await sim.Spot.PlaceOrderAsync(OrderRequest.Limit(Btc, id, OrderSide.Buy, 0.01m, decimal.Round(sim.SpotPrice() * 0.8m, 2)));
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.DropResponseAfterExecute, Endpoint = "/api/v3/order", Method = "DELETE", Count = 1 });

        var cancelled = await sim.Spot.CancelOrderAsync(Btc, id);

        Assert.Equal(OrderStatus.Canceled, Assert.IsType<OrderOutcome.Accepted>(cancelled).Order.Status);
    }

    [Fact]
    public async Task A_failed_read_raises_a_request_exception_with_the_venue_code()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ExchangeRequestException>(() => sim.Futures.GetPositionsAsync(new Symbol("NOPEUSDT")));

        Assert.Equal(-1121, error.Code);
        Assert.False(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_futures_503_for_an_order_that_never_executed_stays_unknown_and_is_never_called_rejected()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.Futures503Unknown, Endpoint = "/fapi/v1/order", Method = "POST", Execute = false, Count = 1 });
        var id = ClientOrderId.Create("ta-503-1");

        var placed = await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));

        var unknown = Assert.IsType<OrderOutcome.Unknown>(placed);
        Assert.Contains("503", unknown.Reason, StringComparison.Ordinal);
        Assert.Single(sim.Server.Ledger.Entries(clientId: id.Value));
    }

    [Fact]
    public async Task A_futures_503_after_execution_is_settled_as_accepted_by_querying()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.Futures503Unknown, Endpoint = "/fapi/v1/algoOrder", Method = "POST", Execute = true, Count = 1 });
        await sim.Futures.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-503-entry"), OrderSide.Buy, 0.01m));
        var id = ClientOrderId.Create("ta-503-sl");

        var placed = await sim.Futures.PlaceConditionalOrderAsync(
            ConditionalOrderRequest.StopMarketReduceOnly(Btc, id, OrderSide.Sell, 0.01m, decimal.Round(sim.FuturesPrice() * 0.9m, 1)));

        Assert.Equal(id, Assert.IsType<AlgoOrderOutcome.Accepted>(placed).Order.ClientAlgoId);
        Assert.Equal(1, sim.LedgerCount(id.Value));
    }

    [Fact]
    public async Task A_spot_minus_1007_is_unknown_and_settled_by_querying()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.SpotMinus1007, Endpoint = "/api/v3/order", Method = "POST", Execute = true, Count = 1 });
        var id = ClientOrderId.Create("ta-1007-1");

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));

        Assert.Equal(OrderStatus.Filled, Assert.IsType<OrderOutcome.Accepted>(placed).Order.Status);
        Assert.Equal(1, sim.LedgerCount(id.Value));
    }

    [Fact]
    public async Task A_429_with_retry_after_makes_the_client_wait_and_then_succeed()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.RateLimit429, Endpoint = "/api/v3/order", Method = "POST", RetryAfterSeconds = 1, Count = 1 });
        var id = ClientOrderId.Create("ta-429-1");
        var started = DateTimeOffset.UtcNow;

        var placed = await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));

        Assert.IsType<OrderOutcome.Accepted>(placed);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(50), "the client should honour Retry-After");
        Assert.Equal(1, sim.LedgerCount(id.Value, "accepted"));
    }

    [Fact]
    public async Task A_418_ban_is_rejected_without_retry_and_the_next_order_is_not_even_sent()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.Ban418, Endpoint = "/api/v3/order", Method = "POST", RetryAfterSeconds = 120, Count = 1 });

        var first = await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-418-1"), OrderSide.Buy, 0.01m));
        var second = await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-418-2"), OrderSide.Buy, 0.01m));

        Assert.IsType<OrderOutcome.Rejected>(first);
        Assert.Contains("Not sent", Assert.IsType<OrderOutcome.Rejected>(second).Message, StringComparison.Ordinal);
        Assert.Empty(sim.Server.Ledger.Entries(clientId: "ta-418-2"));
    }

    [Fact]
    public async Task Secrets_never_appear_in_the_log_of_a_real_session()
    {
        // Short enough to give up on the hanging order soon, long enough for the queries of a busy machine; the
        // rules are loaded first so that only the order meets the hang.
        await using var sim = await SimulatorHarness.StartAsync(o => o with { RequestTimeout = TimeSpan.FromSeconds(1) });
        await sim.Futures.GetSymbolRulesAsync();
        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.Http5xx, Endpoint = "/api/v3/order", Method = "POST", Execute = false, Count = 1 });

        await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, ClientOrderId.Create("ta-log-1"), OrderSide.Buy, 0.01m));
        await using (await sim.Futures.SubscribeUserDataAsync())
        {
        }

        var output = sim.Logs.All;
        Assert.Contains("/api/v3/order", output, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Credentials.ApiSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Credentials.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotMatch("signature=[0-9a-f]{64}", output);
        Assert.DoesNotMatch("listenKey=[A-Za-z0-9]{20,}", output);
    }
}
