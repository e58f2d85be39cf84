using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Simulator.Ledger;

namespace TradingActors.Simulator.Http;

/// <summary>
/// Runs one REST request: route lookup, weight, faults, authentication (API key, HMAC signature, recvWindow), the handler,
/// the ledger and the reply. Every failure is answered in Binance's <c>{"code","msg"}</c> shape.
/// </summary>
internal sealed class RestPipeline(SimulatorContext sim, RouteTable routes)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(sim.Options.ApiSecret);

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var route = routes.Find(http.Request.Method, path);
        if (route is null)
        {
            var known = routes.HasPath(path);
            await WriteAsync(http, known ? 405 : 404, WireJson.Error(-1000, known ? $"Method {http.Request.Method} is not allowed on {path}." : $"Unknown path {path}."));
            return;
        }

        var market = route.Market ?? MarketKind.Spot;
        ApiRequest? request = null;
        try
        {
            request = await ApiRequest.ReadAsync(http);
            if (route.Security != Security.Control)
            {
                http.Response.Headers["X-MBX-USED-WEIGHT-1M"] = sim.Rates.AddWeight(market, route.Weight).ToString(CultureInfo.InvariantCulture);
                await BeforeAsync(route, request, market);
                Authenticate(route, request);
            }

            var result = route.Handler(request);
            if (route.Ledger == LedgerAction.New)
            {
                foreach (var (header, count) in sim.Rates.AddOrder(market))
                {
                    http.Response.Headers[header] = count.ToString(CultureInfo.InvariantCulture);
                }
            }

            if (route.Security != Security.Control && await AfterAsync(route, request, market, result))
            {
                return;
            }

            Record(route, request, market, "accepted", null, result);
            foreach (var (name, value) in request.ResponseHeaders)
            {
                http.Response.Headers[name] = value;
            }

            await WriteAsync(http, 200, result);
        }
        catch (ExchangeErrorException error)
        {
            if (request is not null)
            {
                Record(route, request, market, "rejected", error.Code, null);
            }

            await WriteErrorAsync(http, error);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one left to answer.
        }
        catch (BadHttpRequestException)
        {
            await WriteErrorAsync(http, Errors.InvalidParameter("Malformed request."));
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A bug, not a client error: still Binance's shape, never a stack trace.
            await WriteAsync(http, 500, WireJson.Error(-1000, "An unknown error occurred while processing the request."));
        }
    }

    private async Task BeforeAsync(Route route, ApiRequest request, MarketKind market)
    {
        var method = request.Method;
        var path = request.Path;
        var symbol = request.Optional("symbol");
        if (sim.Faults.Take(FaultKinds.Latency, method, path, symbol, market) is { } latency)
        {
            await Task.Delay(latency.LatencyMs, request.Http.RequestAborted);
        }

        if (sim.Faults.Take(FaultKinds.Ban418, method, path, symbol, market) is { } ban)
        {
            request.Http.Response.Headers.RetryAfter = ban.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            throw Errors.Banned(sim.NowMs + (ban.RetryAfterSeconds * 1000L));
        }

        if (sim.Faults.Take(FaultKinds.RateLimit429, method, path, symbol, market) is { } limit)
        {
            request.Http.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            throw (route.Ledger == LedgerAction.New, market) switch
            {
                (true, MarketKind.Spot) => new ExchangeErrorException(-1015, "Too many new orders; current limit is 50 orders per TEN_SECONDS.", 429),
                (true, _) => new ExchangeErrorException(-1015, "Too many new orders; current limit is 1200 orders per MINUTE.", 429),
                (false, MarketKind.Spot) => Errors.TooManyRequests(),
                _ => Errors.FuturesTooManyRequests(),
            };
        }

        foreach (var kind in new[] { FaultKinds.Http5xx, FaultKinds.Futures503Unknown, FaultKinds.SpotMinus1007 })
        {
            if (sim.Faults.Peek(kind, method, path, symbol, market) is { Execute: false } && sim.Faults.Take(kind, method, path, symbol, market) is { } rule)
            {
                throw ServerFault(rule);
            }
        }
    }

    /// <summary>Faults that strike after the request was executed; true when the reply was replaced or dropped.</summary>
    private async Task<bool> AfterAsync(Route route, ApiRequest request, MarketKind market, JsonNode result)
    {
        var method = request.Method;
        var path = request.Path;
        var symbol = request.Optional("symbol");
        if (sim.Faults.Take(FaultKinds.DropResponseAfterExecute, method, path, symbol, market) is { } drop)
        {
            Record(route, request, market, "dropped", null, result);
            if (drop.Mode == "hang")
            {
                using var hang = CancellationTokenSource.CreateLinkedTokenSource(request.Http.RequestAborted, sim.Stopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, hang.Token);
                }
                catch (OperationCanceledException) when (sim.Stopping.IsCancellationRequested)
                {
                    // The server stops: abort below instead of holding shutdown up.
                }
            }

            request.Http.Abort();
            return true;
        }

        foreach (var kind in new[] { FaultKinds.Http5xx, FaultKinds.Futures503Unknown, FaultKinds.SpotMinus1007 })
        {
            if (sim.Faults.Peek(kind, method, path, symbol, market) is { Execute: true } && sim.Faults.Take(kind, method, path, symbol, market) is { } rule)
            {
                var error = ServerFault(rule);
                Record(route, request, market, "executed-then-" + rule.Kind, error.Code, result);
                await WriteErrorAsync(request.Http, error);
                return true;
            }
        }

        return false;
    }

    private static ExchangeErrorException ServerFault(FaultRule rule) => rule.Kind switch
    {
        FaultKinds.Futures503Unknown => Errors.FuturesUnknown(),
        FaultKinds.SpotMinus1007 => Errors.BackendTimeout(),
        _ => new ExchangeErrorException(-1000, "Internal error; unable to process your request. Please try again.", rule.Status is >= 500 and <= 599 ? rule.Status : 500),
    };

    private void Authenticate(Route route, ApiRequest request)
    {
        if (route.Security is Security.None)
        {
            return;
        }

        var key = request.Http.Request.Headers["X-MBX-APIKEY"].ToString();
        if (key.Length == 0)
        {
            throw Errors.BadApiKeyFormat();
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(sim.Options.ApiKey)))
        {
            throw Errors.InvalidApiKey();
        }

        if (route.Security is not Security.Signed)
        {
            return;
        }

        var timestamp = request.OptionalLong("timestamp") ?? throw Errors.Mandatory("timestamp");
        var recvWindow = request.OptionalLong("recvWindow") ?? 5000;
        if (recvWindow is <= 0 or > 60_000)
        {
            throw new ExchangeErrorException(-1131, "recvWindow must be less than 60000.");
        }

        var signature = request.Optional("signature") ?? throw Errors.Mandatory("signature");
        var payload = WithoutSignature(request.RawQuery) + WithoutSignature(request.RawBody);
        if (!SignatureMatches(payload, signature))
        {
            throw Errors.BadSignature();
        }

        if (sim.Options.CheckTimestamps)
        {
            var now = sim.NowMs;
            if (timestamp >= now + 1000)
            {
                throw Errors.TimestampAhead();
            }

            if (now - timestamp > recvWindow)
            {
                throw Errors.TimestampOutside();
            }
        }
    }

    public bool SignatureMatches(string payload, string signature)
    {
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(payload), expected);
        if (signature.Length != 64)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string WithoutSignature(string raw) =>
        raw.Contains("signature=", StringComparison.Ordinal)
            ? string.Join('&', raw.Split('&').Where(p => !p.StartsWith("signature=", StringComparison.Ordinal)))
            : raw;

    private void Record(Route route, ApiRequest request, MarketKind market, string outcome, int? code, JsonNode? result)
    {
        if (route.Ledger == LedgerAction.None)
        {
            return;
        }

        var p = request.Parameters;
        string? Get(string name) => p.TryGetValue(name, out var v) ? v : null;
        var orderId = result is JsonObject obj && (obj["orderId"] ?? obj["algoId"] ?? obj["orderListId"]) is JsonValue id && id.TryGetValue<long>(out var parsed) ? parsed : (long?)null;
        var path = request.Path;
        var type = Get("type") ?? (path.Contains("oco", StringComparison.Ordinal) ? "OCO" : path.Contains("orderList", StringComparison.Ordinal) ? "OCO" : null);
        sim.Ledger.Record(seq => new LedgerEntry(
            seq,
            sim.NowMs,
            Wire.Name(market),
            request.Method,
            path,
            route.Ledger switch { LedgerAction.New => "NEW", LedgerAction.Amend => "AMEND", _ => "CANCEL" },
            Get("symbol"),
            Get("newClientOrderId") ?? Get("clientAlgoId") ?? Get("listClientOrderId") ?? Get("origClientOrderId"),
            type,
            Get("side"),
            string.Equals(Get("reduceOnly"), "true", StringComparison.OrdinalIgnoreCase),
            string.Equals(Get("closePosition"), "true", StringComparison.OrdinalIgnoreCase),
            Get("quantity"),
            Get("price") ?? Get("triggerPrice") ?? Get("stopPrice"),
            outcome,
            code,
            orderId));
    }

    public static Task WriteErrorAsync(HttpContext http, ExchangeErrorException error) =>
        WriteAsync(http, error.HttpStatus, WireJson.Error(error.Code, error.Message));

    public static async Task WriteAsync(HttpContext http, int status, JsonNode body)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json;charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
