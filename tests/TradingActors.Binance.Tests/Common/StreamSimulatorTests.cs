using System.Net.Http.Json;
using TradingActors.Binance.Common;
using TradingActors.Binance.Futures.WebSocket;
using TradingActors.Binance.Tests.Support;
using TradingActors.Exchange;
using TradingActors.Simulator.Faults;

namespace TradingActors.Binance.Tests.Common;

/// <summary>Market and user-data streams against the simulator over real WebSockets on loopback.</summary>
public sealed class StreamSimulatorTests
{
    private static readonly Symbol Btc = new("BTCUSDT");

    [Fact]
    public async Task Spot_combined_market_streams_deliver_book_ticker_depth_and_klines()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        await using var subscription = await sim.Spot.SubscribeMarketDataAsync(
            [MarketDataSubscription.BookTickerOf(Btc), MarketDataSubscription.DepthOf(Btc), MarketDataSubscription.KlinesOf(Btc, "1m")]);

        var events = new EventRecorder(subscription.Events);

        var ticker = await events.WaitForAsync<BookTicker>();
        var depth = await events.WaitForAsync<Depth>();
        var kline = await events.WaitForAsync<Kline>();
        Assert.Equal(Btc, ticker.Symbol);
        Assert.True(ticker.AskPrice >= ticker.BidPrice);
        Assert.NotEmpty(depth.Bids);
        Assert.Equal("1m", kline.Interval);
    }

    [Fact]
    public async Task Futures_market_streams_on_the_public_and_market_routes_arrive_on_one_channel()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        await using var subscription = await sim.Futures.SubscribeMarketDataAsync(
            [MarketDataSubscription.BookTickerOf(Btc), MarketDataSubscription.MarkPriceOf(Btc)]);

        var events = new EventRecorder(subscription.Events);

        var ticker = await events.WaitForAsync<BookTicker>();
        var mark = await events.WaitForAsync<MarkPrice>();
        Assert.Equal(Market.Futures, ticker.Market);
        Assert.True(mark.Price > 0m);
    }

    [Fact]
    public async Task Server_pings_are_answered_so_a_quiet_connection_is_not_dropped()
    {
        // Pings every 250 ms (the pong timeout is three intervals): tight enough to be many in the test, loose enough
        // for a loaded CI machine.
        await using var server = await TradingActors.Simulator.SimulatorServer.StartAsync(new TradingActors.Simulator.SimulatorOptions { WebSocketPingInterval = TimeSpan.FromMilliseconds(250) });
        var options = new BinanceOptions { Endpoints = BinanceEndpoints.ForSimulator(server.BaseAddress), WebSocketKeepAlive = TimeSpan.FromMinutes(5) };
        using var exchange = new BinanceSpotExchange(options, new BinanceCredentials(server.Options.ApiKey, server.Options.ApiSecret));
        await using var subscription = await exchange.SubscribeMarketDataAsync([MarketDataSubscription.BookTickerOf(Btc)]);
        var events = new EventRecorder(subscription.Events);
        var start = DateTimeOffset.UtcNow;

        await events.WaitForAsync<BookTicker>(t => t.EventTime >= start + TimeSpan.FromSeconds(2.5));

        Assert.False(events.Has<StreamGap>(), "the server's pings (every 250 ms, 750 ms timeout) must have been answered");
    }

    [Fact]
    public async Task A_market_stream_reconnects_before_its_lifetime_ends_and_reports_the_gap()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o with { MaxConnectionLifetime = TimeSpan.FromMilliseconds(500) });

        await using var subscription = await sim.Spot.SubscribeMarketDataAsync([MarketDataSubscription.BookTickerOf(Btc)]);

        var gap = await StreamEvents.NextAsync<StreamGap>(subscription.Events);
        Assert.Equal(StreamKind.MarketData, gap.Kind);
        Assert.Contains("lifetime", gap.Reason, StringComparison.Ordinal);
        Assert.Equal(Btc, (await StreamEvents.NextAsync<BookTicker>(subscription.Events)).Symbol);
    }

    [Fact]
    public async Task Spot_user_data_over_the_websocket_api_reports_our_orders_and_balances()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await using var subscription = await sim.Spot.SubscribeUserDataAsync();
        var id = ClientOrderId.Create("ta-ws-spot-1");

        var events = new EventRecorder(subscription.Events);

        await sim.Spot.PlaceOrderAsync(OrderRequest.MarketOrder(Btc, id, OrderSide.Buy, 0.01m));

        var filled = await events.WaitForAsync<OrderUpdated>(u => u.Order.ClientOrderId == id && u.Order.Status == OrderStatus.Filled);
        var account = await events.WaitForAsync<AccountUpdated>();
        Assert.Equal(ExecutionType.Trade, filled.ExecutionType);
        Assert.NotNull(filled.LastFill);
        Assert.Contains(account.Balances, b => b.Asset == "BTC");
    }

    [Fact]
    public async Task Futures_user_data_over_a_listen_key_reports_orders_algo_orders_and_account_changes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await using var subscription = await sim.Futures.SubscribeUserDataAsync();
        var events = new EventRecorder(subscription.Events);
        var stopId = ClientOrderId.Create("ta-ws-fut-sl-1");

        var filled = await StreamProbe.PlaceUntilSeenAsync(sim.Futures, events, "ta-ws-fut");
        var account = await events.WaitForAsync<AccountUpdated>(a => a.Positions.Count > 0);
        await sim.Futures.PlaceConditionalOrderAsync(ConditionalOrderRequest.StopMarketClosePosition(Btc, stopId, OrderSide.Sell, decimal.Round(sim.FuturesPrice() * 0.9m, 1)));
        var algo = await events.WaitForAsync<AlgoOrderUpdated>(a => a.Order.ClientAlgoId == stopId);

        Assert.Equal(ExecutionType.Trade, filled.ExecutionType);
        Assert.Equal(0.01m, filled.LastFill?.Quantity);
        Assert.Contains(account.Positions, p => p.Symbol == Btc && p.Quantity > 0m);
        Assert.Equal(AlgoOrderStatus.New, algo.Order.Status);
    }

    [Theory]
    [InlineData("SPOT")]
    [InlineData("FUTURES")]
    public async Task A_dropped_user_data_connection_reconnects_resubscribes_and_reports_a_gap(string market)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        IExchange exchange = market == "SPOT" ? sim.Spot : sim.Futures;
        await using var subscription = await exchange.SubscribeUserDataAsync();
        var events = new EventRecorder(subscription.Events);

        sim.Server.AddFault(new FaultRule { Kind = FaultKinds.UserStreamDisconnect, Market = market, Count = 1 });
        var gap = await events.WaitForAsync<StreamGap>();
        var after = await StreamProbe.PlaceUntilSeenAsync(exchange, events, "ta-after-gap-" + market);

        Assert.Equal(StreamKind.UserData, gap.Kind);
        Assert.True(gap.EventTime >= gap.DisconnectedAt);
        Assert.True(after.EventTime >= gap.DisconnectedAt);
    }

    [Fact]
    public async Task An_expired_futures_listen_key_is_replaced_by_a_new_one_and_the_gap_reported()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await using var subscription = await sim.Futures.SubscribeUserDataAsync();
        var events = new EventRecorder(subscription.Events);
        var stream = ((ExchangeSubscription)subscription).Resources.OfType<FuturesUserDataStream>().Single();
        var firstKey = stream.ListenKey;

        using var http = new HttpClient { BaseAddress = sim.Server.BaseAddress };
        (await http.PostAsJsonAsync("/sim/listenKey/expire", new { market = "FUTURES" })).EnsureSuccessStatusCode();
        var gap = await events.WaitForAsync<StreamGap>();
        await StreamProbe.PlaceUntilSeenAsync(sim.Futures, events, "ta-after-expiry");

        Assert.Contains("listen key expired", gap.Reason, StringComparison.Ordinal);
        Assert.NotNull(firstKey);
        Assert.NotEqual(firstKey, stream.ListenKey);
        Assert.Equal(2, stream.ListenKeyRequests);
    }

    [Fact]
    public async Task A_user_data_subscription_refused_for_a_bad_signature_fails_with_a_clear_error()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var wrongSecret = new BinanceSpotExchange(sim.Options, new BinanceCredentials(sim.Credentials.ApiKey, "not-the-secret-at-all"));

        var error = await Assert.ThrowsAsync<ExchangeRequestException>(() => wrongSecret.SubscribeUserDataAsync());

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-at-all", error.Message, StringComparison.Ordinal);
    }
}
