using System.Text;
using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

public sealed class ErrorShapeTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Bad_signature_is_1022()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v3/account?timestamp={_sim.ServerTime}&signature={new string('a', 64)}");
        request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);

        var (status, code, message) = await SimHarness.ErrorOf(await _sim.Http.SendAsync(request));

        Assert.Equal((400, -1022), (status, code));
        Assert.Equal("Signature for this request is not valid.", message);
    }

    [Fact]
    public async Task Stale_or_future_timestamps_are_1021()
    {
        async Task<(int Status, int Code, string Message)> At(long timestamp, string extra = "")
        {
            var query = $"timestamp={timestamp}{extra}";
            var request = new HttpRequestMessage(HttpMethod.Get, $"/fapi/v2/account?{query}&signature={Signer.Sign(_sim.Options.ApiSecret, query)}");
            request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
            return await SimHarness.ErrorOf(await _sim.Http.SendAsync(request));
        }

        var stale = await At(_sim.ServerTime - 6000);
        var ahead = await At(_sim.ServerTime + 1500);
        var window = await At(_sim.ServerTime - 6000, "&recvWindow=5000");

        Assert.Equal(-1021, stale.Code);
        Assert.Equal("Timestamp for this request is outside of the recvWindow.", stale.Message);
        Assert.Equal(-1021, ahead.Code);
        Assert.Contains("ahead", ahead.Message, StringComparison.Ordinal);
        Assert.Equal(-1021, window.Code);
    }

    [Fact]
    public async Task Missing_or_wrong_api_keys_are_2014_and_2015()
    {
        using var missing = await _sim.Http.GetAsync("/api/v3/openOrders?timestamp=1&signature=x");
        using var wrong = await _sim.SignedAsync(HttpMethod.Get, "/api/v3/openOrders", string.Empty, apiKey: "not-the-key");

        Assert.Equal((401, -2014), ((await SimHarness.ErrorOf(missing)).Status, (await SimHarness.ErrorOf(missing)).Code));
        Assert.Equal(-2015, (await SimHarness.ErrorOf(wrong)).Code);
    }

    [Theory]
    [InlineData("/api/v3/order", "side=BUY&type=LIMIT&quantity=1&price=1&timeInForce=GTC", -1102)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=abc&price=1&timeInForce=GTC", -1100)]
    [InlineData("/api/v3/order", "symbol=NOPE&side=BUY&type=MARKET&quantity=1", -1121)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&side=UP&type=MARKET&quantity=1", -1117)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&side=BUY&type=WHATEVER&quantity=1", -1116)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=1&timeInForce=NEVER", -1115)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1", -1101)]
    [InlineData("/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=10.001", -1013)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=64000.05", -4014)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0105&price=64000", -1111)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=4000", -4164)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1000", -2019)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&reduceOnly=true", -2022)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.01&price=65100", -5022)]
    [InlineData("/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity=0.01&price=64000", -5021)]
    [InlineData("/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&triggerPrice=66000&quantity=0.01", -2021)]
    public async Task Bad_orders_get_binance_codes_with_http_400(string path, string query, int expected)
    {
        using var response = await _sim.SignedAsync(HttpMethod.Post, path, query);

        var (status, code, message) = await SimHarness.ErrorOf(response);

        Assert.Equal(expected, code);
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task Unknown_orders_are_2011_on_cancel_and_2013_on_query()
    {
        using var cancel = await _sim.SignedAsync(HttpMethod.Delete, "/api/v3/order", "symbol=BTCUSDT&orderId=1");
        using var query = await _sim.SignedAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=nope");

        Assert.Equal(-2011, (await SimHarness.ErrorOf(cancel)).Code);
        Assert.Equal(-2013, (await SimHarness.ErrorOf(query)).Code);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_json_errors()
    {
        using var path = await _sim.Http.GetAsync("/api/v3/nothing");
        using var method = await _sim.Http.PutAsync("/api/v3/time", null);

        Assert.Equal(404, (await SimHarness.ErrorOf(path)).Status);
        Assert.Equal(405, (await SimHarness.ErrorOf(method)).Status);
    }

    /// <summary>Every route, every method, with garbage parameters (signed and unsigned) and a garbage body.</summary>
    [Fact]
    public async Task Garbage_to_every_route_never_gets_a_5xx_and_errors_are_binance_shaped()
    {
        string[] garbage =
        [
            "symbol=%%%&quantity=abc&price=-1&side=42&type=%00&orderId=x&leverage=9999999999999&limit=-5&ms=abc&listenKey=",
            "symbol=BTCUSDT&quantity=1e400&price=NaN&timeInForce=&orderListId=1.5&algoId=a&recvWindow=999999&marginType=x",
            "symbols=[\"BTCUSDT\"&streams=&&&==&a=%ZZ",
        ];
        foreach (var route in _sim.Server.Routes)
        {
            foreach (var query in garbage)
            {
                foreach (var signed in new[] { false, true })
                {
                    HttpResponseMessage response;
                    if (signed)
                    {
                        response = await _sim.SignedAsync(new HttpMethod(route.Method), route.Path, query);
                    }
                    else
                    {
                        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path + "?" + query)
                        {
                            Content = new StringContent("{\"broken\": [1, 2", Encoding.UTF8, "application/json"),
                        };
                        request.Headers.Add("X-MBX-APIKEY", _sim.Options.ApiKey);
                        response = await _sim.Http.SendAsync(request);
                    }

                    using (response)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        var what = $"{route.Method} {route.Path} ({(signed ? "signed" : "unsigned")}) -> {(int)response.StatusCode} {body}";
                        Assert.True((int)response.StatusCode < 500, what);
                        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
                        if (!response.IsSuccessStatusCode)
                        {
                            var json = JsonNode.Parse(body) as JsonObject;
                            Assert.True(json?["code"] is JsonValue && json["msg"] is JsonValue, what);
                        }
                    }
                }
            }
        }
    }
}
