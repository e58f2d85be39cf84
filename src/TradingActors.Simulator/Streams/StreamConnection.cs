using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Streams;

/// <summary>What a WebSocket connection carries.</summary>
internal enum ConnectionKind
{
    Market,
    UserData,
    WebSocketApi,
}

/// <summary>One open WebSocket: its subscriptions and an outgoing queue drained by a single writer.</summary>
internal sealed class StreamConnection(long id, WebSocket socket, MarketKind market, ConnectionKind kind, bool combined)
{
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly HashSet<string> _streams = new(StringComparer.Ordinal);

    public long Id { get; } = id;

    public WebSocket Socket { get; } = socket;

    public MarketKind Market { get; } = market;

    public ConnectionKind Kind { get; } = kind;

    public bool Combined { get; } = combined;

    /// <summary>The listen key whose user data this connection receives (from the URL or a SUBSCRIBE).</summary>
    public string? ListenKey { get; set; }

    /// <summary>User-data event types this connection wants (the private route's <c>events=</c>); null: all.</summary>
    public IReadOnlySet<string>? EventFilter { get; init; }

    /// <summary>When the connection opened (simulator clock): every connection closes at the maximum lifetime.</summary>
    public long OpenedAt { get; init; }

    /// <summary>WS-API: when <c>session.logon</c> authenticated the connection, or null.</summary>
    public long? LoggedOnAt { get; set; }

    /// <summary>The WS-API user-data subscription, or null when not subscribed.</summary>
    public int? SubscriptionId { get; set; }

    public IReadOnlyList<string> Streams
    {
        get
        {
            lock (_gate)
            {
                return _streams.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    public bool HasStreams
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count > 0;
            }
        }
    }

    public void Subscribe(IEnumerable<string> streams)
    {
        lock (_gate)
        {
            _streams.UnionWith(streams);
        }
    }

    public void Unsubscribe(IEnumerable<string> streams)
    {
        lock (_gate)
        {
            _streams.ExceptWith(streams);
        }
    }

    public bool IsSubscribed(string stream)
    {
        lock (_gate)
        {
            return _streams.Contains(stream);
        }
    }

    public void Send(string message) => _outgoing.Writer.TryWrite(message);

    public void Complete() => _outgoing.Writer.TryComplete();

    public async Task RunWriterAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(ct))
            {
                if (Socket.State != WebSocketState.Open)
                {
                    break;
                }

                await Socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, ct);
            }

            if (Socket.State == WebSocketState.Open)
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The peer went away; the reader loop notices and cleans up.
        }
    }
}
