using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TradingActors.Simulator.Tests.Http;

/// <summary>A simulator on a free port with a plain HttpClient, signing helpers and WebSocket helpers.</summary>
internal sealed class SimHarness : IAsyncDisposable
{
    private SimHarness(SimulatorServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public SimulatorServer Server { get; }

    public HttpClient Http { get; }

    public SimulatorOptions Options => Server.Options;

    public static async Task<SimHarness> StartAsync(SimulatorOptions? options = null, TimeSpan? timeout = null)
    {
        var server = await SimulatorServer.StartAsync(options ?? new SimulatorOptions { VirtualTime = true });
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new SimHarness(server, http);
    }

    public long ServerTime => Server.Engine.NowMs;

    /// <summary>Signs the query string (timestamp from the server's clock) and sends it.</summary>
    public Task<HttpResponseMessage> SignedAsync(HttpMethod method, string path, string query, string? apiKey = null)
    {
        var payload = (query.Length == 0 ? string.Empty : query + "&") + "timestamp=" + ServerTime.ToString(CultureInfo.InvariantCulture);
        var signature = Signer.Sign(Options.ApiSecret, payload);
        var request = new HttpRequestMessage(method, $"{path}?{payload}&signature={signature}");
        request.Headers.Add("X-MBX-APIKEY", apiKey ?? Options.ApiKey);
        return Http.SendAsync(request);
    }

    public async Task<JsonNode> SignedJsonAsync(HttpMethod method, string path, string query)
    {
        using var response = await SignedAsync(method, path, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} -> {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<(int Status, int Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException("Not an object: " + body);
        return ((int)response.StatusCode, json["code"]!.GetValue<int>(), json["msg"]!.GetValue<string>());
    }

    public async Task<JsonNode> ControlAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} -> {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<JsonNode> SetPriceAsync(string symbol, decimal price, string market = "BOTH", decimal? markPrice = null) =>
        ControlAsync(HttpMethod.Post, "/sim/price", markPrice is null
            ? new { symbol, market, price = price.ToString(CultureInfo.InvariantCulture) }
            : new { symbol, market, price = price.ToString(CultureInfo.InvariantCulture), markPrice = markPrice.Value.ToString(CultureInfo.InvariantCulture) });

    public Task<JsonNode> AddFaultAsync(object fault) => ControlAsync(HttpMethod.Post, "/sim/faults", fault);

    public async Task<ClientWebSocket> ConnectAsync(string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(Server.SpotStreamBase, pathAndQuery);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }

    /// <summary>Connects and waits until the server has registered the connection (a LIST_SUBSCRIPTIONS round trip).</summary>
    public async Task<ClientWebSocket> ConnectReadyAsync(string pathAndQuery)
    {
        var socket = await ConnectAsync(pathAndQuery);
        await SendAsync(socket, new { method = "LIST_SUBSCRIPTIONS", id = 999_999 });
        await ReceiveUntilAsync(socket, m => m["id"]?.GetValue<int>() == 999_999);
        return socket;
    }

    public static async Task SendAsync(ClientWebSocket socket, object message)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message));
        await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
    }

    /// <summary>The next text message, or null if the socket closed; fails after the timeout.</summary>
    public static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(text.ToArray());
            }
        }
    }

    /// <summary>Reads messages until one satisfies the predicate (fails after the timeout).</summary>
    public static async Task<JsonNode> ReceiveUntilAsync(ClientWebSocket socket, Func<JsonNode, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, "No matching WebSocket message before the timeout.");
            var message = await ReceiveAsync(socket, left) ?? throw new InvalidOperationException("The socket closed.");
            if (predicate(message))
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
