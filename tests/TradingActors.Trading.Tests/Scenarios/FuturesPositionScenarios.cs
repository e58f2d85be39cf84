using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator.Faults;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

[Collection(SimulatorScenarios.Name)]
public sealed class FuturesPositionScenarios : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_market_entry_becomes_active_with_a_reduce_only_mark_price_stop_on_the_exchange()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);

        var view = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        Assert.Equal(0.01m, view.Data.Quantity);
        var orders = _scenario.Orders("FUTURES");
        Assert.Collection(
            orders,
            entry => Assert.Equal(("MARKET", "BUY", false), (entry.Type, entry.Side, entry.ReduceOnly)),
            stop => Assert.Equal(("STOP_MARKET", "SELL", true, "/fapi/v1/algoOrder"), (stop.Type, stop.Side, stop.ReduceOnly, stop.Endpoint)));
        var algo = Assert.Single(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true));
        Assert.Equal(Simulator.Engine.WorkingType.MarkPrice, algo.WorkingType);
        Assert.Equal(49_000m, algo.TriggerPrice);
        Assert.Equal(view.Data.ActiveStop!.ClientOrderId.Value, algo.ClientAlgoId);
    }

    [Fact]
    public async Task A_thousand_close_requests_from_ten_threads_send_exactly_one_close_order()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            var replies = new List<object>();
            for (var i = 0; i < 100; i++)
            {
                replies.Add(await _scenario.Futures.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(10)));
            }

            return replies;
        })));

        var all = answers.SelectMany(a => a).ToList();
        Assert.Equal(1000, all.Count);
        Assert.Single(all.OfType<CloseAccepted>());
        Assert.Equal(999, all.Count(a => a is AlreadyClosing or AlreadyClosed));
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Single(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL", ReduceOnly: true });
    }

    [Fact]
    public async Task A_triggered_stop_closes_the_position_with_its_loss()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        _scenario.SetPrice(TradingScenario.Btc, 48_500m);

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.StopLoss, closed.Data.CloseReason);
        Assert.True(closed.Data.RealizedPnl < 0m);
        Assert.Equal(0.01m * (closed.Data.ExitPrice!.Value - active.Data.EntryPrice) - closed.Data.Fees, closed.Data.RealizedPnl);
        Assert.DoesNotContain(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL" });
    }

    [Fact]
    public async Task Moving_the_stop_places_the_new_stop_before_cancelling_the_old_one()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        var first = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop is not null);

        var reply = await _scenario.Futures.Positions.Ask<object>(new MoveStop(id, 49_500m), TimeSpan.FromSeconds(5));

        Assert.IsType<StopMoveAccepted>(reply);
        var moved = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.Protections.Count == 1 && p.ActiveStop!.TriggerPrice == 49_500m);
        var ledger = _scenario.Simulator.Ledger.Entries(market: "FUTURES");
        var placedNew = ledger.Single(e => e is { Action: "NEW", Outcome: "accepted" } && e.ClientId == moved.Data.ActiveStop!.ClientOrderId.Value).Sequence;
        var cancelledOld = ledger.Single(e => e is { Action: "CANCEL", Outcome: "accepted" } && e.ClientId == first.Data.ActiveStop!.ClientOrderId.Value).Sequence;
        Assert.True(placedNew < cancelledOld);
        Assert.Single(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true));
    }

    [Fact]
    public async Task A_restarted_node_recovers_the_position_with_its_stop_and_sends_nothing_new()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        var before = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        var ordersBefore = _scenario.Orders("FUTURES").Count;

        await _scenario.StopNodeAsync();
        await _scenario.StartNodeAsync();

        var after = await _scenario.PositionAsync(_scenario.Futures, id);
        Assert.Equal(PositionState.Active, after.Data.State);
        Assert.Equal(before.Data.ActiveStop!.ClientOrderId, after.Data.ActiveStop!.ClientOrderId);
        Assert.Equal(before.Data.EntryPrice, after.Data.EntryPrice);
        var reply = await _scenario.Futures.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5));
        Assert.IsType<CloseAccepted>(reply);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(ordersBefore + 1, _scenario.Orders("FUTURES").Count);
    }

    [Fact]
    public async Task A_take_profit_rests_beside_the_stop_and_closes_the_position_in_profit()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m, takeProfit: 51_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.Protections.Count == 2);
        Assert.Contains(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true), o => o.OrderType == Simulator.Engine.OrderType.TakeProfitMarket && o.ReduceOnly);

        _scenario.SetPrice(TradingScenario.Btc, 51_200m);

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed && p.Protections.Count == 0);
        Assert.Equal(CloseReason.TakeProfit, closed.Data.CloseReason);
        Assert.True(closed.Data.RealizedPnl > 0m);
        Assert.Empty(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true));
    }

    [Fact]
    public async Task A_stop_fill_missed_by_the_stream_is_found_after_the_stream_gap()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop is not null);
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.DropNextUserEvent, Market = "FUTURES", Count = 20 });

        _scenario.SetPrice(TradingScenario.Btc, 48_500m);
        _scenario.Simulator.ClearFaults();
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.UserStreamDisconnect, Market = "FUTURES" });

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.StopLoss, closed.Data.CloseReason);
    }

    [Fact]
    public async Task A_trailing_distance_below_the_exchange_range_is_trailed_by_the_node_up_never_down_and_says_so()
    {
        // 0.04 % is under Binance's smallest callback rate (0.1 %): the node moves the stop itself.
        var id = PositionId.New();
        await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, 49_000m, TrailingDistance: 0.0004m),
            TimeSpan.FromSeconds(5));
        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        Assert.Equal(1, active.Data.Alerts);

        _scenario.SetPrice(TradingScenario.Btc, 52_000m);
        var raised = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop?.TriggerPrice > 50_000m && p.Protections.Count == 1);
        var trailed = raised.Data.ActiveStop!.TriggerPrice;
        Assert.InRange(trailed, 51_970m, 51_980m);
        _scenario.SetPrice(TradingScenario.Btc, 51_990m);
        Assert.Equal(trailed, (await _scenario.PositionAsync(_scenario.Futures, id)).Data.ActiveStop!.TriggerPrice);
        var stop = Assert.Single(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true));
        Assert.Equal((Simulator.Engine.OrderType.StopMarket, trailed), (stop.OrderType, stop.TriggerPrice));

        _scenario.SetPrice(TradingScenario.Btc, 51_900m);

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.TrailingStop, closed.Data.CloseReason);
        Assert.True(closed.Data.RealizedPnl > 0m);
        Assert.DoesNotContain(_scenario.Orders("FUTURES"), o => o.Type == "TRAILING_STOP_MARKET");
    }

    [Fact]
    public async Task A_stop_move_journaled_just_before_a_crash_is_carried_out_after_the_restart()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        await _scenario.StopNodeAsync();
        await _scenario.AppendToJournalAsync(Trading.Positions.Position.PersistenceIdOf(id), new StopMoveRequested(49_500m, DateTimeOffset.UtcNow));

        await _scenario.StartNodeAsync();

        var moved = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop?.TriggerPrice == 49_500m && p.Protections.Count == 1);
        Assert.Null(moved.Data.RequestedStop);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true) is [{ TriggerPrice: 49_500m }]),
            describe: () => "the moved stop is not the only stop on the exchange");
    }

    [Fact]
    public async Task A_stop_move_whose_order_a_crash_kept_from_the_exchange_is_carried_out_after_the_restart()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        await _scenario.StopNodeAsync();

        // The move's stop intent was submitted and its order journaled as sending, but the process died before the
        // request left it: the exchange never saw the order.
        var stop = new IntentId($"{id.Value}-sl2");
        await _scenario.AppendToJournalAsync(Trading.Positions.Position.PersistenceIdOf(id), new StopMoveRequested(49_500m, DateTimeOffset.UtcNow));
        await _scenario.AppendToJournalAsync(OrderIntent.PersistenceIdOf(stop), new IntentEvents.IntentSubmitted(
            stop,
            new OrderIntentSpec.Stop { Market = Market.Futures, Symbol = TradingScenario.Btc, Side = OrderSide.Sell, Quantity = 0.01m, TriggerPrice = 49_500m },
            id,
            DateTimeOffset.UtcNow));
        await _scenario.AppendToJournalAsync(OrderIntent.PersistenceIdOf(stop), new IntentEvents.OrderSending(
            "sl", ClientOrderIds.Derive(ClientOrderIds.DefaultPrefix, stop, "sl"), LegKind.ConditionalStop, OrderSide.Sell, 0.01m, 49_500m, DateTimeOffset.UtcNow));

        await _scenario.StartNodeAsync();

        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop?.TriggerPrice == 49_500m && p.Protections.Count == 1);
        await _scenario.WaitUntilAsync(
            () => Task.FromResult(_scenario.Simulator.Engine.AlgoOrders("BTCUSDT", openOnly: true) is [{ TriggerPrice: 49_500m }]),
            describe: () => "the moved stop is not the only stop on the exchange");
    }

    [Fact]
    public async Task A_price_chasing_exit_sells_one_tick_through_the_bid_immediate_or_cancel()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        Assert.True(_scenario.Futures.Context.Quotes.TryGet(TradingScenario.Btc, out var quote));

        var reply = await _scenario.Futures.Positions.Ask<object>(
            new ClosePosition(id, CloseReason.Manual, new ExecutionPolicy.PriceChase(3, FillOrKill: false)), TimeSpan.FromSeconds(5));

        Assert.IsType<CloseAccepted>(reply);
        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        var exit = Assert.Single(_scenario.Orders("FUTURES"), o => o is { Side: "SELL", ReduceOnly: true, Endpoint: "/fapi/v1/order", Outcome: "accepted" });
        Assert.Equal("LIMIT", exit.Type);
        Assert.Equal(quote.Bid - _scenario.Futures.Context.TickSize(TradingScenario.Btc), decimal.Parse(exit.Price!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(closed.Data.ExitPrice >= quote.Bid - _scenario.Futures.Context.TickSize(TradingScenario.Btc));
    }

    [Fact]
    public async Task A_partly_filled_exit_realizes_its_part_and_closes_the_rest_at_market()
    {
        var id = await OpenLongAsync(new ExecutionPolicy.Market(), stop: 49_000m);
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        _scenario.Simulator.AddFault(new FaultRule { Kind = FaultKinds.ForcePartialFill, Market = "FUTURES", Symbol = "BTCUSDT", Fraction = 0.5m, Count = 1 });
        _scenario.SetPrice(TradingScenario.Btc, 50_300m);

        await _scenario.Futures.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5));

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(2, _scenario.Orders("FUTURES").Count(o => o is { Type: "MARKET", Side: "SELL", ReduceOnly: true, Outcome: "accepted" }));
        var trades = _scenario.Simulator.Engine.Trades(Simulator.Engine.MarketKind.Futures, "BTCUSDT");
        Assert.Equal(trades.Sum(t => t.RealizedPnl - t.Commission), closed.Data.RealizedPnl);
        Assert.Equal(trades.Sum(t => t.Commission), closed.Data.Fees);
    }

    private async Task<PositionId> OpenLongAsync(ExecutionPolicy policy, decimal stop, decimal? takeProfit = null)
    {
        var id = PositionId.New();
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, policy, 50_000m, stop, takeProfit),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        return id;
    }
}
