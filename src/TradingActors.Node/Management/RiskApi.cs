using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TradingActors.Node.Management;

/// <summary>
/// <c>GET /risk</c>: the risk manager's state (kill switch, the day's realized PnL, whether entries are halted) beside
/// the limits it enforces, so an operator sees how much of the daily loss limit is used.
/// </summary>
public static class RiskApi
{
    public sealed record LimitsBody(
        int MaxOpenPositions, decimal MaxNotionalPerSymbol, decimal MaxTotalExposure, decimal MaxLeverage, decimal DailyLossLimit);

    public sealed record RiskBody(bool KillSwitchEngaged, bool EntriesHalted, decimal DailyRealizedPnl, decimal DailyLossUsed, LimitsBody Limits);

    public static void Map(IEndpointRouteBuilder app, TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        app.MapGet("/risk", async () =>
        {
            var status = await node.Strategies.RiskStatusAsync();
            var limits = node.Strategies.RiskSettings;
            var used = status.DailyRealizedPnl < 0m ? -status.DailyRealizedPnl : 0m;
            return Results.Ok(new RiskBody(
                status.KillSwitchEngaged, status.EntriesHalted, status.DailyRealizedPnl, used,
                new LimitsBody(limits.MaxOpenPositions, limits.MaxNotionalPerSymbol, limits.MaxTotalExposure, limits.MaxLeverage, limits.DailyLossLimit)));
        });
    }
}
