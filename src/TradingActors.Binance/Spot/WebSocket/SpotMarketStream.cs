using Microsoft.Extensions.Logging;
using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Spot.WebSocket;

/// <summary>
/// Spot combined market streams. The stream list is part of the URL, so every reconnect subscribes to
/// exactly the same streams again; each reconnect is announced with a <see cref="StreamGap"/>.
/// </summary>
internal static class SpotMarketStream
{
    public static async Task<ExchangeSubscription> StartAsync(
        Uri streamBase, IReadOnlyList<MarketDataSubscription> streams, BinanceOptions options,
        TimeProvider time, ILogger logger, SecretRedactor redactor, CancellationToken ct)
    {
        if (streams.Count == 0)
        {
            throw new ArgumentException("Subscribe to at least one stream.", nameof(streams));
        }

        var names = streams.Select(s => MarketStreamParsing.StreamName(Market.Spot, s)).Distinct().ToList();
        var uri = new Uri(streamBase, "/stream?streams=" + string.Join('/', names));
        var subscription = new ExchangeSubscription();
        var socket = new ReconnectingWebSocket(
            "spot market stream",
            _ => Task.FromResult(uri),
            (s, _) =>
            {
                s.SignalReady();
                return Task.CompletedTask;
            },
            text =>
            {
                if (MarketStreamParsing.ParseCombined(Market.Spot, text, time.GetUtcNow()) is { } e)
                {
                    subscription.Publish(e);
                }

                return Task.CompletedTask;
            },
            (since, reason) => subscription.Publish(new StreamGap
            {
                Market = Market.Spot, Kind = StreamKind.MarketData, EventTime = time.GetUtcNow(), DisconnectedAt = since, Reason = reason,
            }),
            options, time, logger, redactor);
        subscription.Add(socket);
        socket.Start();
        await subscription.WaitUntilReadyAsync(socket, options.SubscribeTimeout, ct).ConfigureAwait(false);
        return subscription;
    }
}
