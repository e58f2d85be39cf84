using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Spot.WebSocket;

/// <summary>
/// Spot user data through the WebSocket API (the REST listen key was retired in 2026):
/// <c>userDataStream.subscribe.signature</c> on every connection, events arrive as
/// <c>{"subscriptionId":N,"event":{...}}</c>. Each reconnect is announced with a <see cref="StreamGap"/>.
/// </summary>
internal static class SpotUserDataStream
{
    public const string SubscribeMethod = "userDataStream.subscribe.signature";

    public static async Task<ExchangeSubscription> StartAsync(
        Uri webSocketApi, BinanceCredentials credentials, BinanceRestClient rest, BinanceOptions options,
        TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var redactor = new SecretRedactor(credentials);
        var subscription = new ExchangeSubscription();
        var requestId = 0;
        ReconnectingWebSocket? socket = null;
        socket = new ReconnectingWebSocket(
            "spot user data (WebSocket API)",
            _ => Task.FromResult(webSocketApi),
            async (s, token) =>
            {
                if (rest.Clock.NeedsSync(options.TimeSyncInterval))
                {
                    await rest.SyncTimeAsync(token).ConfigureAwait(false);
                }

                var id = Interlocked.Increment(ref requestId);
                await s.SendAsync(BuildSubscribeRequest($"subscribe-{id}", credentials, rest.Clock.NowMilliseconds), token).ConfigureAwait(false);
            },
            text => Handle(text),
            (since, reason) => subscription.Publish(new StreamGap
            {
                Market = Market.Spot, Kind = StreamKind.UserData, EventTime = time.GetUtcNow(), DisconnectedAt = since, Reason = reason,
            }),
            options, time, logger, redactor);

        Task Handle(string text)
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.TryGetProperty("event", out var evt))
            {
                if (evt.TryGetProperty("e", out var e) && e.GetString() == "eventStreamTerminated")
                {
                    socket?.Reconnect("user data stream terminated by the server");
                }
                else if (SpotUserDataParsing.Parse(evt) is { } parsed)
                {
                    subscription.Publish(parsed);
                }
            }
            else if (root.TryGetProperty("status", out var status))
            {
                if (status.GetInt32() == 200)
                {
                    socket?.SignalReady();
                }
                else
                {
                    var error = root.TryGetProperty("error", out var err) ? err.ToString() : text;
                    logger.LogError("Spot user data subscription refused: {Error}", redactor.Redact(error));
                    socket?.SignalFailed(new InvalidOperationException("Spot user data subscription refused: " + redactor.Redact(error)));
                }
            }

            return Task.CompletedTask;
        }

        subscription.Add(socket);
        socket.Start();
        await subscription.WaitUntilReadyAsync(socket, options.SubscribeTimeout, ct).ConfigureAwait(false);
        return subscription;
    }

    /// <summary>The signed subscribe request: parameters sorted by name, joined, HMAC-SHA256 signed.</summary>
    public static string BuildSubscribeRequest(string id, BinanceCredentials credentials, long timestamp)
    {
        var parameters = new Dictionary<string, string>
        {
            ["apiKey"] = credentials.ApiKey,
            ["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
        };
        var signature = BinanceSignature.SignWebSocketParams(credentials.ApiSecret, parameters);
        return JsonSerializer.Serialize(new
        {
            id,
            method = SubscribeMethod,
            @params = new { apiKey = credentials.ApiKey, timestamp, signature },
        });
    }
}
