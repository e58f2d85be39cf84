using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TradingActors.Node.ReadSide;
using TradingActors.Trading.Serialization;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary><c>GET /journal/{persistenceId}</c>: one entity's stored events, in the shape of a position's timeline.</summary>
public static class JournalRoutes
{
    private const int MaxPersistenceIdLength = 255;

    public static void MapJournalRoutes(IEndpointRouteBuilder app, TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);

        app.MapGet("/journal/{**persistenceId}", async (string? persistenceId, CancellationToken ct) =>
        {
            var id = Uri.UnescapeDataString(persistenceId ?? string.Empty);
            if (id.Length is 0 or > MaxPersistenceIdLength || id.Any(char.IsControl) || id.Any(char.IsWhiteSpace))
            {
                return Results.Json(
                    new ErrorBody($"persistenceId: must be 1 to {MaxPersistenceIdLength} characters without spaces", "persistenceId"),
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var events = await node.Journal.CurrentEventsAsync(id, ct);
            if (events.Count == 0)
            {
                return Results.Json(new ErrorBody($"no events for persistence id '{id}'", "persistenceId"), statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Ok(events.Select(e => new JournalEventBody(
                e.SequenceNr, JournalReader.OffsetOf(e), e.Event.GetType().Name, JournalReader.TimeOf(e),
                JsonSerializer.SerializeToElement(e.Event, e.Event.GetType(), TradingJson.Options))).ToList());
        });
    }
}
