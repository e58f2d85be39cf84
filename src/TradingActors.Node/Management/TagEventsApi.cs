using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Akka.Persistence.Query;
using TradingActors.Node.ReadSide;
using TradingActors.Trading.Serialization;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary>
/// <c>GET /events/tags?tag=positions&amp;tag=alerts...</c>: several journal tags as one server-sent event stream. A
/// browser holds at most six HTTP/1.1 connections to a host, so the dashboard cannot follow six tags with six
/// <c>/events</c> streams and still fetch. Each event's data is <c>/events</c>' plus its <c>tag</c>; its id is every
/// tag's last offset (<c>positions=12,alerts=40</c>), so a reconnecting EventSource resumes each tag where it was.
/// </summary>
public static class TagEventsApi
{
    private const int MaxTags = 16;

    public static void Map(IEndpointRouteBuilder app, TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        app.MapGet("/events/tags", (HttpContext http) => StreamAsync(http, node));
    }

    private static async Task StreamAsync(HttpContext http, TradingNode node)
    {
        var tags = http.Request.Query["tag"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count is 0 or > MaxTags || tags.Any(t => t.Contains('=', StringComparison.Ordinal) || t.Contains(',', StringComparison.Ordinal)))
        {
            await RejectAsync(http, $"give 1 to {MaxTags} tag query parameters (e.g. tag=positions&tag=alerts), without '=' or ','", "tag");
            return;
        }

        var from = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } last ? last : http.Request.Query["from"].ToString();
        if (!TryOffsets(from, out var offsets))
        {
            await RejectAsync(http, $"'{from}' is not a list of tag=offset", "from");
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(http.RequestAborted);

        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var follow = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var merged = Channel.CreateBounded<(string Tag, EventEnvelope Envelope)>(256);
        var followers = tags.Select(tag => FollowAsync(node, tag, offsets.GetValueOrDefault(tag), merged.Writer, follow.Token)).ToList();
        _ = Task.WhenAll(followers).ContinueWith(done => merged.Writer.TryComplete(done.Exception?.GetBaseException()), TaskScheduler.Default);
        foreach (var tag in tags)
        {
            offsets.TryAdd(tag, 0);
        }

        try
        {
            await foreach (var (tag, envelope) in merged.Reader.ReadAllAsync(follow.Token))
            {
                var offset = JournalReader.OffsetOf(envelope);
                offsets[tag] = offset;
                var id = string.Join(',', tags.Select(t => $"{t}={offsets[t].ToString(CultureInfo.InvariantCulture)}"));
                var data = JsonSerializer.Serialize(new
                {
                    tag,
                    offset,
                    persistenceId = envelope.PersistenceId,
                    sequenceNr = envelope.SequenceNr,
                    type = envelope.Event.GetType().Name,
                    @event = JsonSerializer.SerializeToElement(envelope.Event, envelope.Event.GetType(), TradingJson.Options),
                }, TradingJson.Options);
                await http.Response.WriteAsync($"id: {id}\ndata: {data}\n\n", follow.Token);
                await http.Response.Body.FlushAsync(follow.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the node is stopping.
        }
        finally
        {
            await follow.CancelAsync();
        }
    }

    private static async Task FollowAsync(TradingNode node, string tag, long offset, ChannelWriter<(string, EventEnvelope)> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var envelope in node.Journal.FollowAsync(tag, offset, ct))
            {
                await writer.WriteAsync((tag, envelope), ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>"positions=12,alerts=40" (or nothing): the offset to resume each tag after.</summary>
    private static bool TryOffsets(string text, out Dictionary<string, long> offsets)
    {
        offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return true;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.LastIndexOf('=');
            if (at <= 0 || !long.TryParse(pair.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return false;
            }

            offsets[pair[..at]] = offset;
        }

        return true;
    }

    private static async Task RejectAsync(HttpContext http, string error, string field)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.Response.WriteAsJsonAsync(new ErrorBody(error, field));
    }
}
