using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TradingActors.CrashHarness;

/// <summary>The simulator's control API (/sim): prices, the order ledger, open orders and positions.</summary>
internal sealed class SimulatorApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private readonly HttpClient _http;

    public SimulatorApi(Uri baseAddress) => _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<bool> IsUpAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("sim/time", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The mid price of the symbol on the market (futures or spot).</summary>
    public async Task<decimal> MidAsync(string symbol, bool futures, CancellationToken ct)
    {
        var prices = await _http.GetFromJsonAsync<JsonObject>($"sim/price?symbol={symbol}", ct) ?? throw new InvalidOperationException("No price answer.");
        var side = prices[futures ? "futures" : "spot"]!;
        return (Dec(side["bid"]) + Dec(side["ask"])) / 2m;
    }

    public async Task<IReadOnlyList<LedgerRow>> LedgerAsync(CancellationToken ct) =>
        await _http.GetFromJsonAsync<List<LedgerRow>>("sim/ledger", Json, ct) ?? [];

    /// <summary>The open futures algo orders, and every open order of both markets (a spot OCO by its list id).</summary>
    public async Task<(IReadOnlyList<ExchangeAlgoOrder> Algos, IReadOnlyList<ExchangeOrder> All)> OpenOrdersAsync(CancellationToken ct)
    {
        var orders = await _http.GetFromJsonAsync<JsonObject>("sim/orders", ct) ?? throw new InvalidOperationException("No orders answer.");
        var algos = orders["futuresAlgoOrders"]!.AsArray().Select(a => new ExchangeAlgoOrder(
            a!["symbol"]!.GetValue<string>(), a["clientAlgoId"]!.GetValue<string>(), a["orderType"]!.GetValue<string>(), a["side"]!.GetValue<string>(),
            Dec(a["quantity"]), a["reduceOnly"]!.GetValue<bool>(), a["closePosition"]!.GetValue<bool>())).ToList();
        var all = new List<ExchangeOrder>();
        all.AddRange(orders["spotOrders"]!.AsArray().Where(o => o!["orderListId"]!.GetValue<long>() == -1).Select(o => Order("SPOT", o!, "clientOrderId", "type")));
        all.AddRange(orders["spotOrderLists"]!.AsArray().Select(l => new ExchangeOrder("SPOT", l!["symbol"]!.GetValue<string>(), l["listClientOrderId"]!.GetValue<string>(), "OCO")));
        all.AddRange(orders["futuresOrders"]!.AsArray().Select(o => Order("FUTURES", o!, "clientOrderId", "type")));
        all.AddRange(algos.Select(a => new ExchangeOrder("FUTURES", a.Symbol, a.ClientAlgoId, a.OrderType)));
        return (algos, all);
    }

    public async Task<IReadOnlyList<ExchangePosition>> FuturesPositionsAsync(CancellationToken ct)
    {
        var state = await _http.GetFromJsonAsync<JsonObject>("sim/state", ct) ?? throw new InvalidOperationException("No state answer.");
        return state["positions"]!.AsArray().Select(p => new ExchangePosition(p!["symbol"]!.GetValue<string>(), Dec(p["positionAmt"]))).ToList();
    }

    public void Dispose() => _http.Dispose();

    private static ExchangeOrder Order(string market, JsonNode o, string id, string type) =>
        new(market, o["symbol"]!.GetValue<string>(), o[id]!.GetValue<string>(), o[type]!.GetValue<string>());

    private static decimal Dec(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
