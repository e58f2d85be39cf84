using System.Collections.Frozen;
using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>The REST routes, looked up by exact method and path (no MVC, no routing middleware: startup stays fast).</summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];
    private FrozenDictionary<string, Route>? _byKey;
    private FrozenSet<string>? _paths;

    public IReadOnlyList<Route> Routes => _routes;

    public void Add(string method, string path, Security security, MarketKind? market, int weight, Func<ApiRequest, JsonNode> handler, LedgerAction ledger = LedgerAction.None) =>
        _routes.Add(new Route(method, path, security, market, weight, ledger, handler));

    public void Freeze()
    {
        _byKey = _routes.ToFrozenDictionary(r => r.Method + " " + r.Path, StringComparer.Ordinal);
        _paths = _routes.Select(r => r.Path).ToFrozenSet(StringComparer.Ordinal);
    }

    public Route? Find(string method, string path) => _byKey!.GetValueOrDefault(method + " " + path);

    public bool HasPath(string path) => _paths!.Contains(path);
}
