using Microsoft.AspNetCore.Routing;

namespace TradingActors.Node.Management;

/// <summary>The routes the web dashboard needs beyond the rest of the API: <c>GET /risk</c> and <c>GET /events/tags</c>.</summary>
public static class DashboardRoutes
{
    public static void Map(IEndpointRouteBuilder app, TradingNode node)
    {
        RiskApi.Map(app, node);
        TagEventsApi.Map(app, node);
    }
}
