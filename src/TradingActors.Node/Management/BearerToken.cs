using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary>The route group of mutating routes: each needs <c>Authorization: Bearer &lt;token&gt;</c>, else a 401 that says so.</summary>
internal static class BearerToken
{
    public static RouteGroupBuilder Secured(this IEndpointRouteBuilder app, ManagementToken token) =>
        app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
        {
            if (token.Accepts(context.HttpContext.Request.Headers.Authorization.ToString()))
            {
                return await next(context);
            }

            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new ErrorBody("missing or wrong bearer token (Authorization: Bearer <token>)"), statusCode: StatusCodes.Status401Unauthorized);
        });
}
