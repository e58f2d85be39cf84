using System.Net;
using TradingActors.Binance.Common;
using TradingActors.Binance.Futures.WebSocket;
using TradingActors.Binance.Tests.Support;
using TradingActors.Exchange;
using TradingActors.Simulator;
using TradingActors.TestSupport;

namespace TradingActors.Binance.Tests.Futures;

/// <summary>
/// The keepalive schedule runs on a manual clock against the simulator's real REST and WebSocket. The
/// simulator's PUT /fapi/v1/listenKey never answers -1125 (it re-creates the key), so the expired-key
/// answer Binance documents is injected by a handler in front of the real one.
/// </summary>
public sealed class ListenKeyKeepAliveTests
{
    [Fact]
    public async Task The_listen_key_is_extended_every_thirty_minutes_and_replaced_when_the_keepalive_says_it_expired()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var handler = new KeepAliveAnswers { InnerHandler = new SocketsHttpHandler() };
        var options = new BinanceOptions
        {
            Endpoints = BinanceEndpoints.ForSimulator(server.BaseAddress),
            ListenKeyKeepAlive = TimeSpan.FromMinutes(30),
            RequestTimeout = Timeout.InfiniteTimeSpan,
        };
        using var exchange = new BinanceFuturesExchange(options, new BinanceCredentials(server.Options.ApiKey, server.Options.ApiSecret), new HttpClient(handler), time);
        await using var subscription = await exchange.SubscribeUserDataAsync();
        var stream = ((ExchangeSubscription)subscription).Resources.OfType<FuturesUserDataStream>().Single();

        await Eventually.TrueAsync(() => time.ActiveTimerCount >= 2, because: "keepalive and lifetime timers armed");
        time.Advance(TimeSpan.FromMinutes(30));
        await Eventually.TrueAsync(() => handler.KeepAlives == 1);
        Assert.Equal(1, stream.ListenKeyRequests);

        handler.AnswerExpired = true;
        await Eventually.TrueAsync(() => time.ActiveTimerCount >= 2);
        time.Advance(TimeSpan.FromMinutes(30));
        var gap = await StreamEvents.NextAsync<StreamGap>(subscription.Events);

        Assert.Equal(2, handler.KeepAlives);
        Assert.Contains("-1125", gap.Reason, StringComparison.Ordinal);
        Assert.Equal(2, stream.ListenKeyRequests);
    }

    private sealed class KeepAliveAnswers : DelegatingHandler
    {
        private int _keepAlives;

        public bool AnswerExpired { get; set; }

        public int KeepAlives => Volatile.Read(ref _keepAlives);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath == "/fapi/v1/listenKey")
            {
                Interlocked.Increment(ref _keepAlives);
                if (AnswerExpired)
                {
                    return Task.FromResult(StubHandler.Json(HttpStatusCode.BadRequest, "{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}"));
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
