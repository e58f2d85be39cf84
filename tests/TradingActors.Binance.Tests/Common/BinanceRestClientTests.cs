using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using TradingActors.Binance.Common;
using TradingActors.Binance.Tests.Support;
using TradingActors.TestSupport;

namespace TradingActors.Binance.Tests.Common;

public sealed class BinanceRestClientTests
{
    private static readonly BinanceCredentials Credentials = new("test-api-key-0123456789", "test-api-secret-0123456789");

    [Fact]
    public async Task A_429_is_waited_out_for_its_retry_after_and_then_retried()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((_, call) => call == 1
            ? StubHandler.Json((HttpStatusCode)429, "{\"code\":-1003,\"msg\":\"Too much request weight used.\"}", r => r.Headers.Add("Retry-After", "3"))
            : StubHandler.Json(HttpStatusCode.OK, "{}"));
        var rest = Create(handler, time, new BinanceOptions { RequestTimeout = Timeout.InfiniteTimeSpan });

        var send = rest.SendAsync(HttpMethod.Get, "/api/v3/ping", [], EndpointSecurity.None, 1, false, CancellationToken.None);
        await Eventually.TrueAsync(() => handler.Calls == 1 && time.ActiveTimerCount == 1, because: "the client should wait after the 429");
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<RestResult.Success>(result);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task A_418_ban_is_not_retried_and_nothing_is_sent_until_it_ends()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((_, _) =>
            StubHandler.Json((HttpStatusCode)418, "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned.\"}", r => r.Headers.Add("Retry-After", "120")));
        var rest = Create(handler, time, new BinanceOptions { RequestTimeout = Timeout.InfiniteTimeSpan });

        var first = await rest.SendAsync(HttpMethod.Post, "/api/v3/order", [], EndpointSecurity.None, 1, true, CancellationToken.None);
        var second = await rest.SendAsync(HttpMethod.Post, "/api/v3/order", [], EndpointSecurity.None, 1, true, CancellationToken.None);

        Assert.IsType<RestResult.Rejected>(first);
        var refused = Assert.IsType<RestResult.Rejected>(second);
        Assert.Contains("Not sent", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_timestamp_rejection_resyncs_the_clock_and_resends_once()
    {
        var time = new ManualTimeProvider();
        var orderCalls = 0;
        var handler = new StubHandler((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath == "/api/v3/time")
            {
                return StubHandler.Json(HttpStatusCode.OK, $"{{\"serverTime\":{time.GetUtcNow().ToUnixTimeMilliseconds() + 5000}}}");
            }

            return ++orderCalls == 1
                ? StubHandler.Json(HttpStatusCode.BadRequest, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}")
                : StubHandler.Json(HttpStatusCode.OK, "{}");
        });
        var rest = Create(handler, time, new BinanceOptions());

        var result = await rest.SendAsync(HttpMethod.Get, "/api/v3/account", [], EndpointSecurity.Signed, 20, false, CancellationToken.None);

        Assert.IsType<RestResult.Success>(result);
        Assert.Equal(2, orderCalls);
        Assert.Equal(TimeSpan.FromSeconds(5), rest.Clock.Offset);
    }

    [Fact]
    public async Task Signed_requests_carry_timestamp_recv_window_and_a_valid_final_signature()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((request, _) => request.RequestUri!.AbsolutePath == "/api/v3/time"
            ? StubHandler.Json(HttpStatusCode.OK, $"{{\"serverTime\":{time.GetUtcNow().ToUnixTimeMilliseconds()}}}")
            : StubHandler.Json(HttpStatusCode.OK, "{}"));
        var rest = Create(handler, time, new BinanceOptions { RecvWindow = TimeSpan.FromSeconds(7) });

        await rest.SendAsync(HttpMethod.Post, "/api/v3/order", new Parameters().Add("symbol", "BTCUSDT").Add("price", 0.10m), EndpointSecurity.Signed, 1, true, CancellationToken.None);

        var query = handler.Requests.Last().Query.TrimStart('?');
        var signatureAt = query.IndexOf("&signature=", StringComparison.Ordinal);
        var signed = query[..signatureAt];
        Assert.Equal($"symbol=BTCUSDT&price=0.1&recvWindow=7000&timestamp={time.GetUtcNow().ToUnixTimeMilliseconds()}", signed);
        Assert.Equal(BinanceSignature.Sign(Credentials.ApiSecret, signed), query[(signatureAt + "&signature=".Length)..]);
    }

    [Fact]
    public async Task A_5xx_on_an_order_is_unknown_and_not_retried()
    {
        var time = new ManualTimeProvider();
        var handler = new StubHandler((_, _) => StubHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"code\":-1000,\"msg\":\"Unknown error, please check your request or try again later.\"}"));
        var rest = Create(handler, time, new BinanceOptions());

        var result = await rest.SendAsync(HttpMethod.Post, "/fapi/v1/order", [], EndpointSecurity.None, 1, true, CancellationToken.None);

        Assert.IsType<RestResult.Unknown>(result);
        Assert.Equal(1, handler.Calls);
    }

    private static BinanceRestClient Create(StubHandler handler, TimeProvider time, BinanceOptions options) =>
        new(new HttpClient(handler), new Uri("http://stub.invalid/"), "/api/v3/time", Credentials, options,
            BinanceRateLimiter.ForSpot(options.RateLimitUtilization, time), time, NullLogger.Instance);
}
