using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Akka.Actor;
using Akka.Persistence.Query;
using TradingActors.Exchange;
using TradingActors.Node.ReadSide;
using TradingActors.Trading;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;
using TradingActors.Trading.Risk;
using TradingActors.Trading.Serialization;
using static TradingActors.Node.Management.ManagementDtos;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Node.Management;

/// <summary>
/// The management HTTP API (JSON). Reads are open; every POST needs <c>Authorization: Bearer &lt;token&gt;</c>.
/// Positions are found through the journal first, so an unknown id is a 404 without waking any actor.
/// </summary>
public static class ManagementApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder app, TradingNode node, ManagementToken token)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(token);

        DashboardRoutes.Map(app, node);
        app.MapGet("/alive", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/ready", async () =>
        {
            var readiness = await NodeReadiness.CheckAsync(node);
            return Results.Json(readiness, statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/positions", async (string? state, string? limit, CancellationToken ct) =>
        {
            if (!PositionListing.TryFilter(state, out var filter))
            {
                return BadRequest("state must be open, finished or all", "state");
            }

            if (!TryLimit(limit, out var count))
            {
                return BadRequest($"limit must be a whole number from 1 to {MaxLimit}", "limit");
            }

            return Results.Ok(await PositionListing.ListAsync(node, filter, count, node.OperatorTimeout(AskTimeout), ct));
        });
        app.MapGet("/positions/{id}", async (string id, CancellationToken ct) =>
        {
            if (!TryPositionId(id, out var positionId, out var bad))
            {
                return bad;
            }

            var (market, events) = await LocateAsync(node, positionId, ct);
            if (market is null)
            {
                return NotFound(id);
            }

            var view = await market.Positions.Ask<PositionView>(new GetPosition(positionId), node.OperatorTimeout(AskTimeout));
            var journal = events.Select(e => new JournalEventBody(
                e.SequenceNr, JournalReader.OffsetOf(e), e.Event.GetType().Name, JournalReader.TimeOf(e),
                JsonSerializer.SerializeToElement(e.Event, e.Event.GetType(), TradingJson.Options))).ToList();
            return Results.Ok(new PositionDetailBody(PositionBody.From(view), journal));
        });
        app.MapGet("/reconcile/last", async () =>
        {
            var last = await node.Reconciler.Ask<ReconcilerProtocol.LastReconciliation>(new ReconcilerProtocol.GetLastReconciliation(), node.OperatorTimeout(AskTimeout));
            return last.Report is { } report ? Results.Ok(report) : Results.Json(new ErrorBody("no reconciliation has run yet"), statusCode: StatusCodes.Status404NotFound);
        });
        app.MapGet("/orders", async () =>
        {
            var intents = new List<IntentBody>();
            foreach (var market in node.Markets.Values)
            {
                var live = await market.LiveIntentsAsync(node.System, node.OperatorTimeout(AskTimeout));
                intents.AddRange(live.Select(IntentBody.From));
            }

            return Results.Ok(intents);
        });
        app.MapGet("/signals", async () => Results.Ok((await node.Strategies.SignalsAsync()).Select(SignalBody.From).ToList()));
        app.MapGet("/actors", (string? path, int? depth) =>
            ActorHierarchy.Read(node.System, path ?? "/user", Math.Clamp(depth ?? 8, 0, 32)) is { } tree ? Results.Ok(tree) : Results.Json(new ErrorBody($"no actor at {path}", "path"), statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/events", (HttpContext http) => EventStreamAsync(http, node));
        ClusterRoutes.MapClusterRoutes(app, node, token);
        JournalRoutes.MapJournalRoutes(app, node);
        MetricsRoutes.MapMetricsRoutes(app, node);

        var secured = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            token.Accepts(context.HttpContext.Request.Headers.Authorization.ToString())
                ? await next(context)
                : Unauthorized(context.HttpContext));
        secured.MapPost("/positions", (Func<HttpContext, Task<IResult>>)(http => OpenAsync(http, node)));
        secured.MapPost("/positions/{id}/close", async (string id, CancellationToken ct) =>
        {
            if (!TryPositionId(id, out var positionId, out var bad))
            {
                return bad;
            }

            var (market, _) = await LocateAsync(node, positionId, ct);
            if (market is null)
            {
                return NotFound(id);
            }

            var reply = await market.Positions.Ask<object>(new ClosePosition(positionId, CloseReason.Manual), node.OperatorTimeout(AskTimeout));
            return reply switch
            {
                CloseAccepted => Results.Json(new CloseBody("accepted", id), statusCode: StatusCodes.Status202Accepted),
                AlreadyClosing => Results.Ok(new CloseBody("alreadyClosing", id)),
                AlreadyClosed => Results.Ok(new CloseBody("alreadyClosed", id)),
                NotOpen notOpen => Results.Json(new CloseBody("notOpen", id, notOpen.State.ToString()), statusCode: StatusCodes.Status409Conflict),
                _ => Results.Json(new ErrorBody($"unexpected answer {reply.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError),
            };
        });
        secured.MapPost("/positions/{id}/stop", (HttpContext http, string id) => MoveStopAsync(http, node, id));
        secured.MapPost("/reconcile", (Func<HttpContext, Task<IResult>>)(http => ReconcileAsync(http, node)));
        secured.MapPost("/kill-switch", async () =>
        {
            var engaged = await node.Strategies.EngageKillSwitchAsync();
            return Results.Ok(new KillSwitchBody("engaged", engaged.ClosedPositions, engaged.CancelledOrders));
        });
    }

    /// <summary>The request's body as a JSON object, or the 400 that says why it is not one.</summary>
    private static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var body = document.RootElement.Clone();
            return body.ValueKind == JsonValueKind.Object ? (body, null) : (body, BadRequest("the body must be a JSON object", "body"));
        }
        catch (JsonException e)
        {
            return (default, BadRequest($"the body is not valid JSON: {e.Message}", "body"));
        }
    }

    /// <summary><c>{"mode":"ALL"|"FUT"|"SPOT","dryRun":bool}</c>, both optional (an empty body runs everything for real).</summary>
    private static async Task<IResult> ReconcileAsync(HttpContext http, TradingNode node)
    {
        var body = default(JsonElement);
        if (http.Request.ContentLength is not 0)
        {
            var (read, error) = await ReadObjectAsync(http);
            if (error is not null)
            {
                return error;
            }

            body = read;
        }

        var mode = ReconcileMode.All;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("mode", out var modeText))
        {
            var parsed = modeText.ValueKind == JsonValueKind.String ? modeText.GetString()!.ToUpperInvariant() : null;
            ReconcileMode? known = parsed switch
            {
                "ALL" => ReconcileMode.All,
                "FUT" or "FUTURES" => ReconcileMode.Futures,
                "SPOT" => ReconcileMode.Spot,
                _ => null,
            };
            if (known is not { } valid)
            {
                return BadRequest("must be ALL, FUT or SPOT", "mode");
            }

            mode = valid;
        }

        var dryRun = false;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("dryRun", out var dry))
        {
            if (dry.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return BadRequest("must be true or false", "dryRun");
            }

            dryRun = dry.GetBoolean();
        }

        var report = await node.Reconciler.Ask<ReconcilerProtocol.ReconciliationReport>(new ReconcilerProtocol.Reconcile(mode, dryRun), node.OperatorTimeout(TimeSpan.FromSeconds(60)));
        return Results.Ok(report);
    }

    private static async Task<IResult> MoveStopAsync(HttpContext http, TradingNode node, string id)
    {
        if (!TryPositionId(id, out var positionId, out var bad))
        {
            return bad;
        }

        var (body, error) = await ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        decimal stopPrice;
        try
        {
            stopPrice = RequiredDecimal(body, "stopPrice");
        }
        catch (FieldException e)
        {
            return BadRequest(e.Message, e.Field);
        }

        if (stopPrice <= 0m)
        {
            return BadRequest("must be positive", "stopPrice");
        }

        var (market, _) = await LocateAsync(node, positionId, http.RequestAborted);
        if (market is null)
        {
            return NotFound(id);
        }

        var reply = await market.Positions.Ask<object>(new MoveStop(positionId, stopPrice), node.OperatorTimeout(AskTimeout));
        return reply switch
        {
            StopMoveAccepted accepted => Results.Json(new StopBody("accepted", id, accepted.StopPrice), statusCode: StatusCodes.Status202Accepted),
            StopMoveRejected rejected => Results.Json(new StopBody("rejected", id, stopPrice, rejected.Reason), statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new ErrorBody($"unexpected answer {reply.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    private static async Task<IResult> OpenAsync(HttpContext http, TradingNode node)
    {
        var (body, error) = await ReadObjectAsync(http);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var market = RequiredString(body, "market") switch
            {
                var m when m.Equals("spot", StringComparison.OrdinalIgnoreCase) => Market.Spot,
                var m when m.Equals("futures", StringComparison.OrdinalIgnoreCase) => Market.Futures,
                var m => throw new FieldException("market", $"'{m}' is not spot or futures"),
            };
            if (!node.Markets.TryGetValue(market, out var actors))
            {
                throw new FieldException("market", $"this node does not trade {market}");
            }

            var symbol = ParseField("symbol", () => new Symbol(RequiredString(body, "symbol")));
            var direction = RequiredString(body, "side").ToLowerInvariant() switch
            {
                "long" or "buy" => PositionDirection.Long,
                "short" or "sell" => PositionDirection.Short,
                var s => throw new FieldException("side", $"'{s}' is not long, short, buy or sell"),
            };
            var quantity = RequiredDecimal(body, "quantity");
            if (quantity <= 0m)
            {
                throw new FieldException("quantity", "must be positive");
            }

            var stop = OptionalDecimal(body, "stopPrice");
            var takeProfit = OptionalDecimal(body, "takeProfitPrice");
            var trailing = OptionalDecimal(body, "trailingDistance");
            if (trailing is <= 0m or >= 1m)
            {
                throw new FieldException("trailingDistance", "must be a fraction of the price between 0 and 1");
            }

            if (market == Market.Futures && stop is null)
            {
                throw new FieldException("stopPrice", "a futures position needs a stop price");
            }

            var policy = Policy(body);
            var id = body.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? ParseField("id", () => new PositionId(idElement.GetString()!))
                : PositionId.New();
            if (!actors.Context.Quotes.TryGet(symbol, out var quote))
            {
                return Results.Json(new ErrorBody($"no price for {symbol} on {market} yet", "symbol"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var price = (quote.Bid + quote.Ask) / 2m;

            // A position opened by hand obeys the same limits as a strategy's (kill switch, one per market and
            // symbol, exposure); repeating the open of an existing id is answered by the position itself.
            var (existing, _) = await LocateAsync(node, id, http.RequestAborted);
            var check = existing is null ? await node.Strategies.CheckEntryAsync(market, symbol, quantity, price) : null;
            if (check is RiskProtocol.EntryDenied denied)
            {
                return Results.Json(new DeniedBody("denied", denied.Reason), statusCode: StatusCodes.Status409Conflict);
            }

            var open = new OpenPosition(id, market, symbol, direction, quantity, policy, price, stop, takeProfit, "manual", trailing);
            var reply = await actors.Positions.Ask<object>(open, node.OperatorTimeout(AskTimeout));
            if (check is RiskProtocol.EntryApproved approved && reply is PositionRejected)
            {
                node.Strategies.ReleaseEntry(approved.Reservation);
            }

            return reply switch
            {
                PositionAccepted accepted => Results.Json(new OpenedBody("accepted", accepted.Id.Value, accepted.State.ToString()), statusCode: StatusCodes.Status202Accepted),
                PositionRejected rejected => BadRequest(rejected.Reason),
                _ => Results.Json(new ErrorBody($"unexpected answer {reply.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError),
            };
        }
        catch (FieldException e)
        {
            return BadRequest(e.Message, e.Field);
        }
    }

    private static ExecutionPolicy Policy(JsonElement body)
    {
        if (!body.TryGetProperty("policy", out var policy) || policy.ValueKind == JsonValueKind.Null)
        {
            return new ExecutionPolicy.Market();
        }

        if (policy.ValueKind == JsonValueKind.String)
        {
            return policy.GetString()!.ToLowerInvariant() switch
            {
                "market" => new ExecutionPolicy.Market(),
                "postonly" or "post-only" => new ExecutionPolicy.PostOnly(),
                "makerthentaker" or "maker-then-taker" => new ExecutionPolicy.MakerThenTaker(TimeSpan.FromSeconds(5), new ExecutionPolicy.Market()),
                "twap" => new ExecutionPolicy.Twap(4, TimeSpan.FromSeconds(2)),
                "pricechase" or "price-chase" => new ExecutionPolicy.PriceChase(3, FillOrKill: false),
                var other => throw new FieldException("policy", $"'{other}' is not market, postOnly, makerThenTaker, twap or priceChase"),
            };
        }

        try
        {
            return policy.Deserialize<ExecutionPolicy>(TradingJson.Options) ?? throw new FieldException("policy", "must not be null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new FieldException("policy", $"not a policy object ({e.Message})");
        }
    }

    private static async Task EventStreamAsync(HttpContext http, TradingNode node)
    {
        var tag = http.Request.Query["tag"].ToString();
        if (string.IsNullOrWhiteSpace(tag))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new ErrorBody("the tag query parameter is required (e.g. orders:executed)", "tag"));
            return;
        }

        // A reconnecting EventSource sends the last id it saw: resume after it.
        var from = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } last ? last : http.Request.Query["from"].ToString();
        long offset = 0;
        if (from.Length > 0 && !long.TryParse(from, NumberStyles.Integer, CultureInfo.InvariantCulture, out offset))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new ErrorBody($"'{from}' is not an offset", "from"));
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(http.RequestAborted);

        // A follower never ends on its own: end it when the node stops, so shutdown does not wait for clients.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var follow = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await foreach (var envelope in node.Journal.FollowAsync(tag, offset, follow.Token))
            {
                var position = JournalReader.OffsetOf(envelope);
                var data = JsonSerializer.Serialize(new
                {
                    offset = position,
                    persistenceId = envelope.PersistenceId,
                    sequenceNr = envelope.SequenceNr,
                    type = envelope.Event.GetType().Name,
                    @event = JsonSerializer.SerializeToElement(envelope.Event, envelope.Event.GetType(), TradingJson.Options),
                }, TradingJson.Options);
                await http.Response.WriteAsync($"id: {position}\nevent: {envelope.Event.GetType().Name}\ndata: {data}\n\n", follow.Token);
                await http.Response.Body.FlushAsync(follow.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the node is stopping.
        }
    }

    private static async Task<(MarketActors? Market, IReadOnlyList<EventEnvelope> Events)> LocateAsync(TradingNode node, PositionId id, CancellationToken ct)
    {
        var events = await PositionListing.JournalAsync(node, id, ct);
        var opened = events.Select(e => e.Event).OfType<PositionOpened>().FirstOrDefault();
        return opened is not null && node.Markets.TryGetValue(opened.Market, out var market) ? (market, events) : (null, events);
    }

    private static bool TryLimit(string? text, out int limit)
    {
        limit = DefaultLimit;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit);
    }

    private static bool TryPositionId(string text, out PositionId id, out IResult error)
    {
        try
        {
            id = new PositionId(text);
            error = Results.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            id = default;
            error = BadRequest(e.Message, "id");
            return false;
        }
    }

    private static T ParseField<T>(string field, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            throw new FieldException(field, e.Message);
        }
    }

    private static string RequiredString(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FieldException(field, "is required and must be a string");

    private static decimal RequiredDecimal(JsonElement body, string field) =>
        OptionalDecimal(body, field) ?? throw new FieldException(field, "is required and must be a number");

    private static decimal? OptionalDecimal(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        // Prices are often sent as strings (as Binance does) to keep every digit.
        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new FieldException(field, "must be a number");
    }

    private static IResult BadRequest(string error, string? field = null) =>
        Results.Json(new ErrorBody(field is null ? error : $"{field}: {error}", field), statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string id) =>
        Results.Json(new ErrorBody($"no position '{id}'", "id"), statusCode: StatusCodes.Status404NotFound);

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new ErrorBody("missing or wrong bearer token (Authorization: Bearer <token>)"), statusCode: StatusCodes.Status401Unauthorized);
    }

    private sealed class FieldException(string field, string problem) : Exception(problem)
    {
        public string Field { get; } = field;
    }
}
