using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;

namespace TradingActors.Benchmarks;

/// <summary>
/// Signed spot LIMIT orders per second through the simulator's REST front on loopback (a few concurrent clients),
/// beside a bare Kestrel endpoint that answers a constant to the same clients: the gap is the simulator's own cost
/// (parsing, HMAC check, matching engine, JSON).
/// </summary>
public sealed class SimulatorBenchmarks : IBenchmarkSuite
{
    private const int Clients = 4;

    public string Name => "simulator";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var perClient = context.Quick ? 300 : 2000;
        var options = new SimulatorOptions
        {
            CheckTimestamps = false,
            Engine = new EngineOptions { SpotBalances = new Dictionary<string, decimal> { ["USDT"] = 1_000_000_000_000m, ["BTC"] = 1_000_000m } },
        };
        await using var simulator = await SimulatorServer.StartAsync(options);
        await using var constant = await ConstantServer.StartAsync();
        var secret = Encoding.UTF8.GetBytes(options.ApiSecret);
        var clients = Enumerable.Range(0, Clients).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 })).ToList();
        try
        {
            var sequence = 0L;
            var orders = await context.MeasureAsync($"signed spot LIMIT orders via REST ({Clients} clients)", Clients * perClient, () =>
                Task.WhenAll(clients.Select(async client =>
                {
                    for (var i = 0; i < perClient; i++)
                    {
                        var id = Interlocked.Increment(ref sequence);
                        var query = string.Create(CultureInfo.InvariantCulture, $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=30000&newClientOrderId=bench-{id}&newOrderRespType=ACK&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
                        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(query)));
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseAddress, $"api/v3/order?{query}&signature={signature}"));
                        request.Headers.Add("X-MBX-APIKEY", options.ApiKey);
                        using var response = await client.SendAsync(request);
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException($"Order rejected: {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                })));
            var baseline = await context.MeasureAsync($"constant Kestrel POST ({Clients} clients)", Clients * perClient, () =>
                Task.WhenAll(clients.Select(async client =>
                {
                    for (var i = 0; i < perClient; i++)
                    {
                        using var response = await client.PostAsync(constant.Address, null);
                        response.EnsureSuccessStatusCode();
                    }
                })));
            context.Header("Simulator: REST order throughput on loopback");
            context.Report(orders, baseline, ">= 1,000 orders/s (many tests start servers and trade)");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private sealed class ConstantServer : IAsyncDisposable
    {
        private static readonly byte[] Body = "{\"orderId\":1,\"status\":\"NEW\"}"u8.ToArray();
        private readonly WebApplication _app;

        private ConstantServer(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ConstantServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(async http =>
            {
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(Body);
            });
            await app.StartAsync();
            var address = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/api/v3/order");
            return new ConstantServer(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
