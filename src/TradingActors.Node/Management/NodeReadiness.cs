using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Trading.Gateways;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Node.Management.ManagementDtos;

namespace TradingActors.Node.Management;

/// <summary>Ready means: the journal answers, every gateway has its rules and live streams, and recovery is over.</summary>
public static class NodeReadiness
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static async Task<Readiness> CheckAsync(TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var checks = new List<Task<CheckResult>> { JournalAsync(node) };
        foreach (var (market, actors) in node.Markets)
        {
            var name = market.ToString().ToLowerInvariant();
            checks.Add(Check($"gateway-{name}", async () =>
            {
                var status = await actors.Gateway.Ask<ExchangeGateway.GatewayStatus>(new ExchangeGateway.GetGatewayStatus(), node.OperatorTimeout(CheckTimeout));
                return (status.IsReady, $"rules loaded: {status.RulesLoaded}, streams live: {status.StreamsLive}");
            }));

            // Both answer only after their journals were replayed: an answer means recovery is done.
            checks.Add(Check($"positions-{name}", async () =>
            {
                var open = await actors.Positions.Ask<PositionRegion.OpenPositions>(new PositionRegion.GetOpenPositions(), node.OperatorTimeout(CheckTimeout));
                return (true, $"{open.Positions.Count} positions in memory");
            }));
            checks.Add(Check($"router-{name}", async () =>
            {
                var live = await actors.Router.Ask<IntentProtocol.LiveIntents>(new IntentProtocol.GetLiveIntents(), node.OperatorTimeout(CheckTimeout));
                return (true, $"{live.Intents.Count} live intents");
            }));
        }

        var results = await Task.WhenAll(checks);
        return new Readiness(results.All(r => r.Ok), results);
    }

    private static Task<CheckResult> JournalAsync(TradingNode node) => Check("journal", async () =>
    {
        using var cts = new CancellationTokenSource(CheckTimeout);
        await foreach (var unused in node.System.Persistence().Queries.CurrentEventsByTag("node:readiness-probe", 0, cts.Token))
        {
            break;
        }

        return (true, "answers queries");
    });

    private static async Task<CheckResult> Check(string name, Func<Task<(bool Ok, string Detail)>> probe)
    {
        try
        {
            var (ok, detail) = await probe();
            return new CheckResult(name, ok, detail);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            return new CheckResult(name, false, "no answer in time (starting or recovering)");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            return new CheckResult(name, false, e.Message);
        }
    }
}
