using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Simulator.Http;

namespace TradingActors.Simulator.Streams;

/// <summary>
/// The WebSocket side: accepts market-stream, user-data and WS-API connections, and fans the engine's events out to
/// them from one dispatch loop (so every connection sees events in engine order).
/// </summary>
internal sealed partial class StreamHub(SimulatorContext sim)
{
    private readonly Channel<EngineEvent> _events = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, StreamConnection> _connections = new();
    private readonly KlineBook _klines = new();
    private readonly Dictionary<string, long> _lastArraySent = new(StringComparer.Ordinal);
    private long _nextConnectionId;
    private int _nextSubscriptionId;

    /// <summary>The engine's sink: never blocks, runs under the engine lock.</summary>
    public void Publish(EngineEvent engineEvent) => _events.Writer.TryWrite(engineEvent);

    public void Complete() => _events.Writer.TryComplete();

    public async Task RunDispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var engineEvent in _events.Reader.ReadAllAsync(ct))
            {
                Dispatch(engineEvent);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public static bool IsStreamPath(string path) =>
        path == "/ws" || path.StartsWith("/ws/", StringComparison.Ordinal) || path == "/stream" || path.StartsWith("/fstream", StringComparison.Ordinal)
        || path == "/ws-api/v3";

    public async Task AcceptAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RestPipeline.WriteAsync(http, 400, WireJson.Error(-1000, "This path only accepts WebSocket connections."));
            return;
        }

        if (path == "/ws-api/v3")
        {
            await RunAsync(http, MarketKind.Spot, ConnectionKind.WebSocketApi, combined: false, [], null, null);
            return;
        }

        var market = MarketKind.Spot;
        var rest = path;
        if (rest.StartsWith("/fstream", StringComparison.Ordinal))
        {
            market = MarketKind.Futures;
            rest = rest["/fstream".Length..];
            foreach (var split in new[] { "/public", "/market", "/private" })
            {
                if (rest.StartsWith(split + "/", StringComparison.Ordinal))
                {
                    rest = rest[split.Length..];
                    break;
                }
            }
        }

        bool combined;
        List<string> names;
        if (rest == "/ws" || rest.StartsWith("/ws/", StringComparison.Ordinal))
        {
            combined = false;
            names = rest.Length > 4 ? rest[4..].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
        }
        else if (rest == "/stream")
        {
            combined = true;
            names = (http.Request.Query["streams"].ToString()).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        else
        {
            await RestPipeline.WriteAsync(http, 404, WireJson.Error(-1000, $"Unknown stream path {path}."));
            return;
        }

        if (http.Request.Query["listenKey"].ToString() is { Length: > 0 } queryKey)
        {
            names.Add(queryKey);
        }

        var listenKey = names.FirstOrDefault(n => sim.ListenKeys.IsActive(market, n));
        if (listenKey is null && names.Any(LooksLikeListenKey))
        {
            await RestPipeline.WriteErrorAsync(http, Errors.ListenKeyMissing());
            return;
        }

        // Like Binance, a path naming no valid stream (clients open /ws/<n> and SUBSCRIBE later) still connects.
        names = names.Where(n => n == listenKey || IsValidStream(n)).ToList();
        var kind = listenKey is null ? ConnectionKind.Market : ConnectionKind.UserData;
        var events = http.Request.Query["events"].ToString();
        var filter = events.Length == 0 ? null : events.Split('/', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        await RunAsync(http, market, kind, combined, names.Where(n => n != listenKey).ToList(), listenKey, filter);
    }

    /// <summary>Drops user-data connections (the userStreamDisconnect fault).</summary>
    public void DisconnectUserStreams(string? market)
    {
        foreach (var connection in _connections.Values)
        {
            var isUser = connection.Kind == ConnectionKind.WebSocketApi ? connection.SubscriptionId is not null : connection.ListenKey is not null;
            if (isUser && (market is null || string.Equals(market, Wire.Name(connection.Market), StringComparison.OrdinalIgnoreCase)))
            {
                connection.Socket.Abort();
            }
        }
    }

    /// <summary>Expires listen keys (all of a market, or those overdue), tells their streams and closes them.</summary>
    public void ExpireListenKeys(MarketKind? market, bool onlyOverdue)
    {
        foreach (var (keyMarket, key) in sim.ListenKeys.Expire(market, onlyOverdue))
        {
            foreach (var connection in _connections.Values.Where(c => c.ListenKey == key && c.Market == keyMarket))
            {
                connection.Send(Wrap(connection, key, StreamJson.ListenKeyExpired(key, sim.NowMs)));
                connection.Complete();
            }
        }
    }

    private static bool LooksLikeListenKey(string name) => name.Length >= 60 && !name.Contains('@', StringComparison.Ordinal);

    private bool IsValidStream(string name)
    {
        if (name is "!bookTicker" or "!markPrice@arr" or "!markPrice@arr@1s")
        {
            return true;
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var symbol = name[..at].ToUpperInvariant();
        var kind = name[(at + 1)..];
        if (!sim.Engine.HasSymbol(symbol))
        {
            return false;
        }

        return kind is "bookTicker" or "aggTrade" or "trade" or "markPrice" or "markPrice@1s" or "ticker" or "miniTicker"
            || DepthStream().IsMatch(kind)
            || (kind.StartsWith("kline_", StringComparison.Ordinal) && KlineBook.IsInterval(kind["kline_".Length..]));
    }

    private async Task RunAsync(HttpContext http, MarketKind market, ConnectionKind kind, bool combined, List<string> streams, string? listenKey, IReadOnlySet<string>? eventFilter)
    {
        var options = sim.Options;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = market == MarketKind.Futures ? options.FuturesWebSocketPingInterval : options.WebSocketPingInterval,
            KeepAliveTimeout = market == MarketKind.Futures ? options.FuturesWebSocketPongTimeout : options.WebSocketPingInterval * 3,
        });
        var connection = new StreamConnection(Interlocked.Increment(ref _nextConnectionId), socket, market, kind, combined)
        {
            ListenKey = listenKey,
            EventFilter = eventFilter,
            OpenedAt = sim.NowMs,
        };
        connection.Subscribe(streams);
        _connections[connection.Id] = connection;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, sim.Stopping);
        var writer = connection.RunWriterAsync(stop.Token);
        try
        {
            var buffer = new byte[16 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                var message = await ReceiveAsync(socket, buffer, stop.Token);
                if (message is null)
                {
                    break;
                }

                if (kind == ConnectionKind.WebSocketApi)
                {
                    WebSocketApi.Handle(sim, this, connection, message);
                }
                else
                {
                    HandleControl(connection, message);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Client closed or aborted: nothing to answer.
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            connection.Complete();
            await stop.CancelAsync();
            await writer;
        }
    }

    internal int NextSubscriptionId() => Interlocked.Increment(ref _nextSubscriptionId) - 1;

    private static async Task<string?> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken ct)
    {
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
                }

                return null;
            }

            text.Write(buffer, 0, result.Count);
            if (text.Length > 1_000_000)
            {
                return string.Empty;
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(text.ToArray());
            }
        }
    }

    private void HandleControl(StreamConnection connection, string message)
    {
        JsonNode? id = null;
        try
        {
            var request = JsonNode.Parse(message) as JsonObject ?? throw new JsonException();
            id = request["id"]?.DeepClone();
            var method = request["method"]?.GetValue<string>();
            var names = request["params"] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : [];
            switch (method)
            {
                case "SUBSCRIBE":
                    // Binance's connectors subscribe to a listen key like to any stream, on the private path.
                    if (names.FirstOrDefault(n => sim.ListenKeys.IsActive(connection.Market, n)) is { } key)
                    {
                        connection.ListenKey = key;
                        names.Remove(key);
                    }

                    if (names.FirstOrDefault(n => !IsValidStream(n)) is { } bad)
                    {
                        SendError(connection, 2, $"Invalid request: unknown stream '{bad}'", id);
                        return;
                    }

                    connection.Subscribe(names);
                    connection.Send(new JsonObject { ["result"] = null, ["id"] = id }.ToJsonString());
                    break;
                case "UNSUBSCRIBE":
                    if (connection.ListenKey is { } subscribed && names.Remove(subscribed))
                    {
                        connection.ListenKey = null;
                    }

                    connection.Unsubscribe(names);
                    connection.Send(new JsonObject { ["result"] = null, ["id"] = id }.ToJsonString());
                    break;
                case "LIST_SUBSCRIPTIONS":
                    var listed = connection.Streams.Concat(connection.ListenKey is { } k ? [k] : Array.Empty<string>());
                    connection.Send(new JsonObject { ["result"] = new JsonArray(listed.Select(s => (JsonNode)s).ToArray()), ["id"] = id }.ToJsonString());
                    break;
                case "SET_PROPERTY" or "GET_PROPERTY":
                    connection.Send(new JsonObject { ["result"] = method == "GET_PROPERTY" ? false : null, ["id"] = id }.ToJsonString());
                    break;
                default:
                    SendError(connection, 2, "Invalid request: unknown method", id);
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            SendError(connection, 3, "Invalid JSON: " + e.Message, id);
        }
    }

    private static void SendError(StreamConnection connection, int code, string message, JsonNode? id) =>
        connection.Send(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["msg"] = message }, ["id"] = id }.ToJsonString());

    private void Dispatch(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case PriceChanged price:
                CloseAged(price.Time);
                DispatchPrice(price);
                break;
            case MarketTraded trade:
                DispatchTrade(trade);
                break;
            case OrderUpdated update:
                DispatchUser(update.Order.Market, update.Order.Symbol, () => update.Order.Market == MarketKind.Spot ? StreamJson.ExecutionReport(update) : StreamJson.OrderTradeUpdate(update));
                break;
            case SpotBalancesChanged balances:
                DispatchUser(MarketKind.Spot, null, () => StreamJson.AccountPosition(balances));
                break;
            case OrderListUpdated list:
                DispatchUser(MarketKind.Spot, list.List.Symbol, () => StreamJson.ListStatus(list));
                break;
            case FuturesAccountChanged account:
                DispatchUser(MarketKind.Futures, account.Positions.FirstOrDefault()?.Symbol, () => StreamJson.AccountUpdate(account));
                break;
            case AlgoOrderUpdated algo:
                DispatchUser(MarketKind.Futures, algo.Algo.Symbol, () => StreamJson.AlgoUpdate(algo));
                break;
            case LeverageChanged leverage:
                DispatchUser(MarketKind.Futures, leverage.Symbol, () => new JsonObject
                {
                    ["e"] = "ACCOUNT_CONFIG_UPDATE",
                    ["E"] = leverage.Time,
                    ["T"] = leverage.Time,
                    ["ac"] = new JsonObject { ["s"] = leverage.Symbol, ["l"] = leverage.Leverage },
                });
                break;
        }
    }

    /// <summary>Closes connections open longer than the maximum lifetime (Binance closes every connection at 24 h).</summary>
    private void CloseAged(long now)
    {
        var lifetime = (long)sim.Options.WebSocketMaxLifetime.TotalMilliseconds;
        foreach (var connection in _connections.Values.Where(c => now - c.OpenedAt >= lifetime))
        {
            connection.Complete();
        }
    }

    /// <summary>All-market streams: <c>!bookTicker</c> on every change, <c>!markPrice@arr[@1s]</c> at most every 3 s (1 s).</summary>
    private JsonNode? AllMarketPayload(string stream, PriceSnapshot price)
    {
        switch (stream)
        {
            case "!bookTicker":
                return StreamJson.BookTicker(price);
            case "!markPrice@arr" or "!markPrice@arr@1s" when price.Market == MarketKind.Futures:
                var every = stream.EndsWith("@1s", StringComparison.Ordinal) ? 1000 : 3000;
                if (_lastArraySent.TryGetValue(stream, out var last) && price.Time - last < every)
                {
                    return null;
                }

                _lastArraySent[stream] = price.Time;
                return new JsonArray(sim.Engine.Symbols
                    .Select(s => (JsonNode)StreamJson.MarkPrice(sim.Engine.Price(MarketKind.Futures, s), sim.Engine.Options.FundingRate, sim.Engine.NextFundingTime))
                    .ToArray());
            default:
                return null;
        }
    }

    private void DispatchPrice(PriceChanged changed)
    {
        var price = changed.Price;
        var prefix = price.Symbol.ToLowerInvariant() + "@";
        var cache = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var klines = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var connection in _connections.Values)
        {
            if (connection.Kind == ConnectionKind.WebSocketApi || connection.Market != price.Market || !connection.HasStreams)
            {
                continue;
            }

            foreach (var stream in connection.Streams)
            {
                if (stream.StartsWith('!'))
                {
                    if (!cache.TryGetValue(stream, out var all))
                    {
                        all = AllMarketPayload(stream, price);
                        cache[stream] = all;
                    }

                    if (all is not null)
                    {
                        connection.Send(Wrap(connection, stream, all));
                    }

                    continue;
                }

                if (!stream.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var kind = stream[prefix.Length..];
                if (kind.StartsWith("kline_", StringComparison.Ordinal))
                {
                    if (!klines.TryGetValue(stream, out var messages))
                    {
                        messages = KlineMessages(price.Market, price.Symbol, kind["kline_".Length..], price.Time, price.Last, 0, -1);
                        klines[stream] = messages;
                    }

                    messages.ForEach(m => connection.Send(Wrap(connection, stream, m)));
                    continue;
                }

                if (!cache.TryGetValue(kind, out var payload))
                {
                    payload = kind switch
                    {
                        "bookTicker" => StreamJson.BookTicker(price),
                        "ticker" => StreamJson.Ticker(price, sim.Engine.Ticker(price.Market, price.Symbol, 86_400_000L)),
                        "miniTicker" => StreamJson.MiniTicker(price, sim.Engine.Ticker(price.Market, price.Symbol, 86_400_000L)),
                        "markPrice" or "markPrice@1s" when price.Market == MarketKind.Futures => StreamJson.MarkPrice(price, sim.Engine.Options.FundingRate, sim.Engine.NextFundingTime),
                        _ when DepthStream().Match(kind) is { Success: true } depth => DepthPayload(changed, depth.Groups["levels"].Value),
                        _ => null,
                    };
                    cache[kind] = payload;
                }

                if (payload is not null)
                {
                    connection.Send(Wrap(connection, stream, payload));
                }
            }
        }
    }

    /// <summary>A partial book for <c>depth5|10|20</c>; for <c>depth</c> the diff from the previous book, or null when the book did not change.</summary>
    private JsonObject? DepthPayload(PriceChanged changed, string levels)
    {
        var price = changed.Price;
        var rules = sim.Engine.Rules(price.Market, price.Symbol);
        if (levels.Length > 0)
        {
            var (bids, asks) = SyntheticDepth.Levels(price.Last, rules, sim.Engine.Options, int.Parse(levels, System.Globalization.CultureInfo.InvariantCulture));
            return StreamJson.PartialDepth(price, bids, asks);
        }

        if (changed.PreviousLast == price.Last)
        {
            return null;
        }

        var (bidChanges, askChanges) = SyntheticDepth.Diff(changed.PreviousLast, price.Last, rules, sim.Engine.Options);
        return StreamJson.DiffDepth(price, bidChanges, askChanges);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^depth(?<levels>5|10|20)?(@(100|250|500|1000)ms)?$")]
    private static partial System.Text.RegularExpressions.Regex DepthStream();

    /// <summary>Updates the candle once per event; a candle that just closed is sent before the current one.</summary>
    private List<JsonObject> KlineMessages(MarketKind market, string symbol, string interval, long time, decimal price, decimal qty, long tradeId)
    {
        var (current, closed) = _klines.Update(market, symbol, interval, time, price, qty, tradeId);
        return closed is null
            ? [StreamJson.Kline(market, symbol, current, time)]
            : [StreamJson.Kline(market, symbol, closed, time), StreamJson.Kline(market, symbol, current, time)];
    }

    private void DispatchTrade(MarketTraded trade)
    {
        var prefix = trade.Symbol.ToLowerInvariant() + "@";
        var klines = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        JsonObject? aggTrade = null;
        JsonObject? print = null;
        foreach (var connection in _connections.Values)
        {
            if (connection.Kind == ConnectionKind.WebSocketApi || connection.Market != trade.Market || !connection.HasStreams)
            {
                continue;
            }

            foreach (var stream in connection.Streams.Where(s => s.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var kind = stream[prefix.Length..];
                if (kind == "aggTrade")
                {
                    aggTrade ??= StreamJson.AggTrade(trade);
                    connection.Send(Wrap(connection, stream, aggTrade));
                }
                else if (kind == "trade")
                {
                    print ??= StreamJson.Trade(trade);
                    connection.Send(Wrap(connection, stream, print));
                }
                else if (kind.StartsWith("kline_", StringComparison.Ordinal))
                {
                    if (!klines.TryGetValue(stream, out var messages))
                    {
                        messages = KlineMessages(trade.Market, trade.Symbol, kind["kline_".Length..], trade.Time, trade.Price, trade.Qty, trade.TradeId);
                        klines[stream] = messages;
                    }

                    messages.ForEach(m => connection.Send(Wrap(connection, stream, m)));
                }
            }
        }
    }

    private void DispatchUser(MarketKind market, string? symbol, Func<JsonObject> payload)
    {
        var targets = _connections.Values.Where(c => c.Market == market
            && (c.Kind == ConnectionKind.WebSocketApi ? c.SubscriptionId is not null : c.ListenKey is not null)).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        if (sim.Faults.Take(FaultKinds.DropNextUserEvent, null, null, symbol, market) is not null)
        {
            return;
        }

        var data = payload();
        var eventType = data["e"]?.GetValue<string>() ?? string.Empty;
        foreach (var connection in targets)
        {
            if (connection.EventFilter is { } filter && !filter.Contains(eventType))
            {
                continue;
            }

            if (connection.Kind == ConnectionKind.WebSocketApi)
            {
                connection.Send(new JsonObject { ["subscriptionId"] = connection.SubscriptionId, ["event"] = data.DeepClone() }.ToJsonString());
            }
            else
            {
                connection.Send(Wrap(connection, connection.ListenKey!, data));
            }
        }
    }

    private static string Wrap(StreamConnection connection, string stream, JsonNode data) =>
        connection.Combined ? new JsonObject { ["stream"] = stream, ["data"] = data.DeepClone() }.ToJsonString() : data.ToJsonString();
}
