using System.Text.Json;
using Microsoft.Extensions.Logging;
using TradingActors.Binance.Common;
using TradingActors.Binance.Futures.Http;
using TradingActors.Exchange;

namespace TradingActors.Binance.Futures.WebSocket;

/// <summary>
/// Futures user data over a listen key on the <c>/private</c> route. Every connection first asks for
/// the key (Binance returns the active one, or a new one once it expired); the key is extended every
/// 30 minutes; a <c>listenKeyExpired</c> event or a -1125 on keepalive forces a reconnect with a new
/// key. Each reconnect is announced with a <see cref="StreamGap"/>.
/// </summary>
internal sealed class FuturesUserDataStream : IAsyncDisposable
{
    /// <summary>
    /// The documented event names the connector uses. listenKeyExpired is not listed (it is a stream
    /// event, not a subscribable one); should a venue filter it out, the keepalive's -1125 still catches expiry.
    /// </summary>
    internal const string Events = "ORDER_TRADE_UPDATE/ACCOUNT_UPDATE/ALGO_UPDATE";

    private readonly FuturesHttpClient _http;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ExchangeSubscription _subscription;
    private readonly ReconnectingWebSocket _socket;
    private Task? _keepAlive;
    private int _keysCreated;

    private FuturesUserDataStream(
        Uri streamBase, FuturesHttpClient http, BinanceCredentials credentials, BinanceOptions options,
        TimeProvider time, ILogger logger, ExchangeSubscription subscription)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _subscription = subscription;
        _socket = new ReconnectingWebSocket(
            "futures user data",
            async token => FuturesMarketStream.RouteUri(streamBase, "private", $"ws?listenKey={await CreateListenKeyAsync(token).ConfigureAwait(false)}&events={Events}"),
            (s, _) =>
            {
                s.SignalReady();
                return Task.CompletedTask;
            },
            HandleAsync,
            (since, reason) => subscription.Publish(new StreamGap
            {
                Market = Market.Futures, Kind = StreamKind.UserData, EventTime = time.GetUtcNow(), DisconnectedAt = since, Reason = reason,
            }),
            options, time, logger, new SecretRedactor(credentials));
    }

    /// <summary>The listen key of the current connection.</summary>
    public string? ListenKey { get; private set; }

    /// <summary>How many times a listen key was requested (once per connection).</summary>
    public int ListenKeyRequests => Volatile.Read(ref _keysCreated);

    public static async Task<ExchangeSubscription> StartAsync(
        Uri streamBase, FuturesHttpClient http, BinanceCredentials credentials, BinanceOptions options,
        TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var subscription = new ExchangeSubscription();
        var stream = new FuturesUserDataStream(streamBase, http, credentials, options, time, logger, subscription);
        subscription.Add(stream);
        stream._socket.Start();
        stream._keepAlive = Task.Run(stream.KeepAliveLoopAsync, CancellationToken.None);
        await subscription.WaitUntilReadyAsync(stream._socket, options.SubscribeTimeout, ct).ConfigureAwait(false);
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _socket.DisposeAsync().ConfigureAwait(false);
        if (_keepAlive is not null)
        {
            await _keepAlive.ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout);
        await _http.CloseListenKeyAsync(timeout.Token).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task<string> CreateListenKeyAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _keysCreated);
        var result = await _http.CreateListenKeyAsync(ct).ConfigureAwait(false);
        ListenKey = result.Read("Futures listen key", body => BinanceJson.Deserialize<ListenKeyWire>(body).ListenKey);
        return ListenKey;
    }

    private Task HandleAsync(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;

        // The private route may wrap events like a combined stream.
        var evt = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : root;
        if (FuturesUserDataParsing.EventType(evt) == FuturesUserDataParsing.ListenKeyExpired)
        {
            _logger.LogWarning("Futures listen key expired; reconnecting with a new one.");
            _socket.Reconnect("listen key expired");
        }
        else if (FuturesUserDataParsing.Parse(evt) is { } parsed)
        {
            _subscription.Publish(parsed);
        }

        return Task.CompletedTask;
    }

    private async Task KeepAliveLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ListenKeyKeepAlive, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var result = await _http.KeepAliveListenKeyAsync(token).ConfigureAwait(false);
            if (result is RestResult.Rejected { Code: BinanceErrorCodes.ListenKeyDoesNotExist })
            {
                _logger.LogWarning("Futures listen key keepalive: key no longer exists; reconnecting with a new one.");
                _socket.Reconnect("listen key expired (keepalive answered -1125)");
            }
            else if (result is not RestResult.Success)
            {
                _logger.LogWarning("Futures listen key keepalive failed: {Result}", result);
            }
        }
    }
}
