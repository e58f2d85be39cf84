using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Http;

namespace TradingActors.Simulator.Streams;

/// <summary>
/// The spot WebSocket API (/ws-api/v3): ping, time, and the user-data subscription signed with HMAC over the
/// alphabetically sorted parameters.
/// </summary>
internal static class WebSocketApi
{
    public static void Handle(SimulatorContext sim, StreamHub hub, StreamConnection connection, string message)
    {
        JsonNode? id = null;
        try
        {
            var request = JsonNode.Parse(message) as JsonObject ?? throw Errors.InvalidParameter("Request must be a JSON object.");
            id = request["id"]?.DeepClone();
            var method = request["method"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : throw Errors.Mandatory("method");
            var parameters = request["params"] as JsonObject ?? [];
            var (weight, result) = method switch
            {
                "ping" => (1, new JsonObject()),
                "time" => (1, new JsonObject { ["serverTime"] = sim.NowMs }),
                "session.logon" => (2, Logon(sim, connection, parameters)),
                "session.status" => (2, Session(sim, connection)),
                "session.logout" => (2, Logout(sim, connection)),
                "account.status" => (20, AccountStatus(sim, connection, parameters)),
                "userDataStream.subscribe.signature" => (2, Subscribe(sim, hub, connection, parameters)),
                "userDataStream.subscribe" => (2, SubscribeLoggedOn(hub, connection)),
                "userDataStream.unsubscribe" => (2, Unsubscribe(connection)),
                _ => throw new ExchangeErrorException(-1000, $"Unknown method '{method}'."),
            };
            var used = sim.Rates.AddWeight(MarketKind.Spot, weight);
            connection.Send(new JsonObject { ["id"] = id, ["status"] = 200, ["result"] = result, ["rateLimits"] = RateLimits(used) }.ToJsonString());
        }
        catch (ExchangeErrorException e)
        {
            Fail(connection, id, e.HttpStatus, e.Code, e.Message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            Fail(connection, id, 400, -1100, "Malformed request: " + e.Message);
        }
    }

    private static void Fail(StreamConnection connection, JsonNode? id, int status, int code, string message) =>
        connection.Send(new JsonObject { ["id"] = id, ["status"] = status, ["error"] = new JsonObject { ["code"] = code, ["msg"] = message } }.ToJsonString());

    private static JsonArray RateLimits(int used) => new(new JsonObject
    {
        ["rateLimitType"] = "REQUEST_WEIGHT",
        ["interval"] = "MINUTE",
        ["intervalNum"] = 1,
        ["limit"] = 6000,
        ["count"] = used,
    });

    private static JsonObject Logon(SimulatorContext sim, StreamConnection connection, JsonObject parameters)
    {
        Verify(sim, parameters);
        connection.LoggedOnAt = sim.NowMs;
        return Session(sim, connection);
    }

    private static JsonObject Session(SimulatorContext sim, StreamConnection connection) => new()
    {
        ["apiKey"] = connection.LoggedOnAt is null ? null : sim.Options.ApiKey,
        ["authorizedSince"] = connection.LoggedOnAt,
        ["connectedSince"] = connection.OpenedAt,
        ["returnRateLimits"] = true,
        ["serverTime"] = sim.NowMs,
        ["userDataStream"] = connection.SubscriptionId is not null,
    };

    private static JsonObject Logout(SimulatorContext sim, StreamConnection connection)
    {
        connection.LoggedOnAt = null;
        return Session(sim, connection);
    }

    /// <summary>Signed by its own parameters, or by the session after <c>session.logon</c>.</summary>
    private static JsonObject AccountStatus(SimulatorContext sim, StreamConnection connection, JsonObject parameters)
    {
        if (connection.LoggedOnAt is null || parameters.ContainsKey("signature"))
        {
            Verify(sim, parameters);
        }

        return SpotApi.Account(sim, null);
    }

    private static JsonObject SubscribeLoggedOn(StreamHub hub, StreamConnection connection)
    {
        if (connection.LoggedOnAt is null)
        {
            throw new ExchangeErrorException(-1002, "You are not authorized to execute this request.", 401);
        }

        connection.SubscriptionId ??= hub.NextSubscriptionId();
        return new JsonObject { ["subscriptionId"] = connection.SubscriptionId };
    }

    private static JsonObject Subscribe(SimulatorContext sim, StreamHub hub, StreamConnection connection, JsonObject parameters)
    {
        Verify(sim, parameters);
        connection.SubscriptionId ??= hub.NextSubscriptionId();
        return new JsonObject { ["subscriptionId"] = connection.SubscriptionId };
    }

    /// <summary>API key, HMAC over the alphabetically sorted parameters, and the timestamp window.</summary>
    private static void Verify(SimulatorContext sim, JsonObject parameters)
    {
        var values = parameters.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty, StringComparer.Ordinal);
        var apiKey = values.GetValueOrDefault("apiKey") ?? throw Errors.Mandatory("apiKey");
        if (apiKey != sim.Options.ApiKey)
        {
            throw Errors.InvalidApiKey();
        }

        var signature = values.GetValueOrDefault("signature") ?? throw Errors.Mandatory("signature");
        var timestamp = long.TryParse(values.GetValueOrDefault("timestamp"), out var ts) ? ts : throw Errors.Mandatory("timestamp");
        var payload = string.Join('&', values.Where(p => p.Key != "signature").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sim.Options.ApiSecret), Encoding.UTF8.GetBytes(payload)));
        if (!string.Equals(expected, signature, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.BadSignature();
        }

        var recvWindow = long.TryParse(values.GetValueOrDefault("recvWindow"), out var rw) ? rw : 5000;
        if (sim.Options.CheckTimestamps && (timestamp >= sim.NowMs + 1000 || sim.NowMs - timestamp > recvWindow))
        {
            throw timestamp >= sim.NowMs + 1000 ? Errors.TimestampAhead() : Errors.TimestampOutside();
        }
    }

    private static JsonObject Unsubscribe(StreamConnection connection)
    {
        connection.SubscriptionId = null;
        return new JsonObject();
    }
}
