using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Tests.Http;

namespace TradingActors.Simulator.Tests.Streams;

/// <summary>
/// Binance's "how to manage a local order book correctly", followed as a client would: buffer the diff stream, take a REST
/// snapshot, drop what it already contains, check the first event bridges it, apply the rest checking continuity.
/// </summary>
public sealed class LocalOrderBookTests : IAsyncLifetime
{
    private SimHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData("/ws/btcusdt@depth", "/api/v3/depth", false)]
    [InlineData("/ws/btcusdt@depth@100ms", "/api/v3/depth", false)]
    [InlineData("/fstream/public/ws/btcusdt@depth", "/fapi/v1/depth", true)]
    [InlineData("/fstream/ws/btcusdt@depth@100ms", "/fapi/v1/depth", true)]
    public async Task Local_book_built_from_snapshot_and_diffs_equals_the_rest_book(string streamPath, string depthPath, bool futures)
    {
        using var socket = await _sim.ConnectReadyAsync(streamPath);
        await AdvanceAsync(5_000);

        var snapshot = await DepthAsync(depthPath);
        var lastUpdateId = snapshot["lastUpdateId"]!.GetValue<long>();
        var bids = Levels(snapshot["bids"]!);
        var asks = Levels(snapshot["asks"]!);
        await AdvanceAsync(5_000);
        await _sim.SetPriceAsync("BTCUSDT", 66_000m);
        await AdvanceAsync(3_000);
        var final = await DepthAsync(depthPath);
        var finalId = final["lastUpdateId"]!.GetValue<long>();

        long? previousU = null;
        var applied = 0;
        while (previousU is null || previousU < finalId)
        {
            var update = await NextDepthUpdateAsync(socket);
            var first = update["U"]!.GetValue<long>();
            var last = update["u"]!.GetValue<long>();
            if (previousU is null)
            {
                if (futures ? last < lastUpdateId : last <= lastUpdateId)
                {
                    continue;
                }

                Assert.True(futures ? first <= lastUpdateId && lastUpdateId <= last : first <= lastUpdateId + 1 && lastUpdateId + 1 <= last, $"first event {first}..{last} does not bridge snapshot {lastUpdateId}");
            }
            else if (futures)
            {
                Assert.Equal(previousU, update["pu"]!.GetValue<long>());
            }
            else
            {
                Assert.Equal(previousU + 1, first);
            }

            Apply(bids, update["b"]!);
            Apply(asks, update["a"]!);
            previousU = last;
            applied++;
        }

        Assert.Equal(finalId, previousU);
        Assert.True(applied > 3, $"only {applied} events applied");
        Assert.Equal(Levels(final["bids"]!), bids);
        Assert.Equal(Levels(final["asks"]!), asks);
    }

    [Fact]
    public async Task Book_ticker_quantities_are_the_best_depth_levels()
    {
        var depth = await DepthAsync("/api/v3/depth");
        using var response = await _sim.Http.GetAsync("/api/v3/ticker/bookTicker?symbol=BTCUSDT");
        var ticker = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(depth["bids"]![0]![1]!.GetValue<string>(), ticker["bidQty"]!.GetValue<string>());
        Assert.Equal(depth["asks"]![0]![1]!.GetValue<string>(), ticker["askQty"]!.GetValue<string>());
        Assert.Equal(depth["bids"]![0]![0]!.GetValue<string>(), ticker["bidPrice"]!.GetValue<string>());
    }

    private static async Task<JsonNode> NextDepthUpdateAsync(ClientWebSocket socket)
    {
        var update = await SimHarness.ReceiveUntilAsync(socket, m => m["e"]?.GetValue<string>() == "depthUpdate");
        Assert.Equal("BTCUSDT", update["s"]!.GetValue<string>());
        Assert.NotNull(update["E"]);
        return update;
    }

    private async Task AdvanceAsync(int ms) => await _sim.ControlAsync(HttpMethod.Post, "/sim/time/advance", new { ms });

    private async Task<JsonNode> DepthAsync(string path)
    {
        using var response = await _sim.Http.GetAsync($"{path}?symbol=BTCUSDT&limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private static SortedDictionary<decimal, decimal> Levels(JsonNode levels)
    {
        var book = new SortedDictionary<decimal, decimal>();
        Apply(book, levels);
        return book;
    }

    private static void Apply(SortedDictionary<decimal, decimal> book, JsonNode levels)
    {
        foreach (var level in levels.AsArray())
        {
            var price = decimal.Parse(level![0]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var qty = decimal.Parse(level[1]!.GetValue<string>(), CultureInfo.InvariantCulture);
            if (qty == 0)
            {
                book.Remove(price);
            }
            else
            {
                book[price] = qty;
            }
        }
    }
}
