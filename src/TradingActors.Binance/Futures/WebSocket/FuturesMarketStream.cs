using Microsoft.Extensions.Logging;
using TradingActors.Binance.Common;
using TradingActors.Exchange;

namespace TradingActors.Binance.Futures.WebSocket;

/// <summary>
/// Futures combined market streams on the split hosts: book ticker and depth on <c>/public</c>,
/// trades, mark price and klines on <c>/market</c>; one connection per route, one channel for all.
/// </summary>
internal static class FuturesMarketStream
{
    public static async Task<ExchangeSubscription> StartAsync(
        Uri streamBase, IReadOnlyList<MarketDataSubscription> streams, BinanceOptions options,
        TimeProvider time, ILogger logger, SecretRedactor redactor, CancellationToken ct)
    {
        if (streams.Count == 0)
        {
            throw new ArgumentException("Subscribe to at least one stream.", nameof(streams));
        }

        var byRoute = streams
            .GroupBy(s => s.Kind is MarketDataKind.BookTicker or MarketDataKind.Depth ? "public" : "market")
            .ToDictionary(g => g.Key, g => g.Select(s => MarketStreamParsing.StreamName(Market.Futures, s)).Distinct().ToList());
        var subscription = new ExchangeSubscription();
        var sockets = new List<ReconnectingWebSocket>();
        foreach (var (route, names) in byRoute)
        {
            var uri = RouteUri(streamBase, route, "stream?streams=" + string.Join('/', names));
            var socket = new ReconnectingWebSocket(
                $"futures {route} stream",
                _ => Task.FromResult(uri),
                (s, _) =>
                {
                    s.SignalReady();
                    return Task.CompletedTask;
                },
                text =>
                {
                    if (MarketStreamParsing.ParseCombined(Market.Futures, text, time.GetUtcNow()) is { } e)
                    {
                        subscription.Publish(e);
                    }

                    return Task.CompletedTask;
                },
                (since, reason) => subscription.Publish(new StreamGap
                {
                    Market = Market.Futures, Kind = StreamKind.MarketData, EventTime = time.GetUtcNow(), DisconnectedAt = since, Reason = $"{route}: {reason}",
                }),
                options, time, logger, redactor);
            subscription.Add(socket);
            sockets.Add(socket);
            socket.Start();
        }

        foreach (var socket in sockets)
        {
            await subscription.WaitUntilReadyAsync(socket, options.SubscribeTimeout, ct).ConfigureAwait(false);
        }

        return subscription;
    }

    /// <summary><c>{base}/{route}/{rest}</c>, keeping any path the base already has (the simulator's <c>/fstream</c>).</summary>
    public static Uri RouteUri(Uri streamBase, string route, string rest) =>
        new(streamBase.GetLeftPart(UriPartial.Authority) + streamBase.AbsolutePath.TrimEnd('/') + "/" + route + "/" + rest);
}
