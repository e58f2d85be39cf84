using System.Net;
using TradingActors.Binance.Common;
using TradingActors.Binance.Tests.Support;
using TradingActors.TestSupport;

namespace TradingActors.Binance.Tests.Common;

public sealed class SecretRedactionTests
{
    private const string ApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string ApiSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    [Fact]
    public void Credentials_never_show_their_secret_or_whole_key()
    {
        var text = new BinanceCredentials(ApiKey, ApiSecret).ToString();

        Assert.DoesNotContain(ApiSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.binance.com/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", "c8db56825ae71d6d")]
    [InlineData("X-MBX-APIKEY: abcdefghijkl0123456789", "abcdefghijkl0123456789")]
    [InlineData("{\"method\":\"userDataStream.subscribe.signature\",\"params\":{\"apiKey\":\"abcdefghijkl0123456789\",\"timestamp\":1,\"signature\":\"deadbeefdeadbeef\"}}", "abcdefghijkl0123456789")]
    [InlineData("{\"params\":{\"apiKey\":\"k\",\"signature\":\"deadbeefdeadbeef\"}}", "deadbeefdeadbeef")]
    [InlineData("wss://fstream.binance.com/private/ws?listenKey=pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1", "pqia91ma19a5s61cv6a81va65sdf19v8a65a1")]
    public void Signatures_api_keys_and_listen_keys_are_masked_wherever_they_appear(string text, string secret)
    {
        var redacted = SecretRedactor.RedactPatterns(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_never_reach_captured_log_output_of_signed_requests()
    {
        var time = new ManualTimeProvider();
        var credentials = new BinanceCredentials(ApiKey, ApiSecret);
        var logs = new CapturingLoggerFactory();
        var handler = new StubHandler((request, _) => request.RequestUri!.AbsolutePath switch
        {
            "/api/v3/time" => StubHandler.Json(HttpStatusCode.OK, "{\"serverTime\":1767225600000}"),
            "/api/v3/order" => StubHandler.Json(HttpStatusCode.ServiceUnavailable, $"{{\"echo\":\"{request.RequestUri}\",\"apiKey\":\"{ApiKey}\"}}"),
            _ => StubHandler.Json(HttpStatusCode.OK, "{\"listenKey\":\"" + new string('x', 60) + "\"}"),
        });
        var rest = new BinanceRestClient(
            new HttpClient(handler), new Uri("http://stub.invalid/"), "/api/v3/time", credentials, new BinanceOptions(),
            BinanceRateLimiter.ForSpot(0.8m, time), time, logs.CreateLogger("Binance"));

        await rest.SendAsync(HttpMethod.Post, "/api/v3/order", new Parameters().Add("symbol", "BTCUSDT"), EndpointSecurity.Signed, 1, true, CancellationToken.None);
        await rest.SendAsync(HttpMethod.Post, "/api/v3/userDataStream", [], EndpointSecurity.ApiKey, 1, false, CancellationToken.None);

        var output = logs.All;
        var signature = System.Web.HttpUtility.ParseQueryString(handler.Requests.First(r => r.AbsolutePath == "/api/v3/order").Query)["signature"]!;
        Assert.NotEmpty(logs.Lines);
        Assert.Contains("/api/v3/order", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, output, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 60), output, StringComparison.Ordinal);
    }
}
