using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TradingActors.Binance.Common;

/// <summary>
/// One logical WebSocket stream that stays connected: it reconnects with exponential backoff and
/// jitter, reconnects on its own before the venue's 24-hour limit, answers pings (the runtime replies
/// to server pings; client pings with a timeout detect dead peers), re-runs the subscription on every
/// connection and reports each resumption after a disconnect so a gap can be announced.
/// </summary>
internal sealed class ReconnectingWebSocket : IAsyncDisposable
{
    private readonly string _name;
    private readonly Func<CancellationToken, Task<Uri>> _connectUri;
    private readonly Func<ReconnectingWebSocket, CancellationToken, Task> _onOpened;
    private readonly Func<string, Task> _onMessage;
    private readonly Action<DateTimeOffset, string> _onResumed;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly CancellationTokenSource _disposed = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Lock _lock = new();
    private CancellationTokenSource? _connection;
    private ClientWebSocket? _socket;
    private string? _reconnectReason;
    private DateTimeOffset? _disconnectedAt;
    private string _disconnectReason = string.Empty;
    private Task? _loop;

    public ReconnectingWebSocket(
        string name,
        Func<CancellationToken, Task<Uri>> connectUri,
        Func<ReconnectingWebSocket, CancellationToken, Task> onOpened,
        Func<string, Task> onMessage,
        Action<DateTimeOffset, string> onResumed,
        BinanceOptions options,
        TimeProvider time,
        ILogger logger,
        SecretRedactor redactor)
    {
        _name = name;
        _connectUri = connectUri;
        _onOpened = onOpened;
        _onMessage = onMessage;
        _onResumed = onResumed;
        _options = options;
        _time = time;
        _logger = logger;
        _redactor = redactor;
    }

    /// <summary>Completes when the first connection is subscribed (see <see cref="SignalReady"/>).</summary>
    public Task Ready => _ready.Task;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>
    /// Marks the current connection as subscribed: the first time this completes <see cref="Ready"/>;
    /// after a reconnect it reports the gap, so events that follow it are live again.
    /// </summary>
    public void SignalReady()
    {
        (DateTimeOffset Since, string Reason)? gap = null;
        lock (_lock)
        {
            if (_disconnectedAt is { } since)
            {
                gap = (since, _disconnectReason);
                _disconnectedAt = null;
            }
        }

        if (gap is { } g)
        {
            _onResumed(g.Since, g.Reason);
        }

        _ready.TrySetResult();
    }

    /// <summary>Fails <see cref="Ready"/> when the first subscription is refused (e.g. a bad signature).</summary>
    public void SignalFailed(Exception reason) => _ready.TrySetException(reason);

    /// <summary>Drops the current connection and opens a new one at once (e.g. after a listen key expired).</summary>
    public void Reconnect(string reason)
    {
        lock (_lock)
        {
            _reconnectReason = reason;
            _connection?.Cancel();
        }
    }

    public async Task SendAsync(string text, CancellationToken ct)
    {
        var socket = _socket ?? throw new InvalidOperationException($"{_name}: not connected.");
        await _sendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _ready.TrySetCanceled();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _disposed.Dispose();
        _sendGate.Dispose();
    }

    /// <summary>Exponential backoff with jitter between half and the full delay, so clients do not reconnect in step.</summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        var exponential = initial.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, max.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (random * 0.5))));
    }

    private async Task RunAsync()
    {
        var failures = 0;
        var token = _disposed.Token;
        while (!token.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = _options.WebSocketKeepAlive;
            socket.Options.KeepAliveTimeout = _options.WebSocketKeepAlive;
            using var lifetime = new CancellationTokenSource(_options.MaxConnectionLifetime, _time);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(token, lifetime.Token);
            string reason;
            var opened = false;
            try
            {
                var uri = await _connectUri(token).ConfigureAwait(false);
                await socket.ConnectAsync(uri, token).ConfigureAwait(false);
                lock (_lock)
                {
                    _socket = socket;
                    _connection = connection;
                    _reconnectReason = null;
                }

                opened = true;
                _logger.LogInformation("{Stream}: connected to {Uri}.", _name, _redactor.Redact(uri.ToString()));
                await _onOpened(this, connection.Token).ConfigureAwait(false);

                failures = 0;
                reason = await ReceiveAsync(socket, connection.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever broke this connection (socket, listen-key request, subscription), the answer is to reconnect.
                reason = ex.Message;
            }

            lock (_lock)
            {
                if (lifetime.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    reason = "connection lifetime reached; reconnecting before the venue's 24-hour limit";
                }
                else if (_reconnectReason is { } requested)
                {
                    reason = requested;
                }

                var proactive = _reconnectReason is not null || lifetime.IsCancellationRequested;
                _socket = null;
                _connection = null;
                _reconnectReason = null;
                if (proactive)
                {
                    failures = 0;
                }
                else
                {
                    failures++;
                }
            }

            if (token.IsCancellationRequested)
            {
                break;
            }

            if (opened)
            {
                lock (_lock)
                {
                    // The gap runs from the first disconnect until a connection is subscribed again.
                    _disconnectedAt ??= _time.GetUtcNow();
                    _disconnectReason = reason;
                }
            }

            _logger.LogWarning("{Stream}: disconnected ({Reason}); reconnecting.", _name, _redactor.Redact(reason));
            if (failures > 0)
            {
                try
                {
                    await Task.Delay(Backoff(failures - 1, _options.ReconnectInitialDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble()), _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await CloseAsync(socket).ConfigureAwait(false);
                return "reconnect requested";
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(socket).ConfigureAwait(false);
                return $"closed by the server ({result.CloseStatus} {result.CloseStatusDescription})";
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            if (result.MessageType == WebSocketMessageType.Text)
            {
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                try
                {
                    await _onMessage(text).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
                {
                    _logger.LogError(ex, "{Stream}: could not parse a message: {Message}", _name, _redactor.Redact(text.Length > 500 ? text[..500] : text));
                }
            }

            message.SetLength(0);
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                socket.Abort();
            }
        }
    }
}
