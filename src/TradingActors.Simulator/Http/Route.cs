using System.Text.Json.Nodes;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>How a route authenticates: public, API key only (listen keys), HMAC-signed, or the unauthenticated control API.</summary>
internal enum Security
{
    None,
    ApiKey,
    Signed,
    Control,
}

/// <summary>Whether a route places or cancels orders, so the ledger records it.</summary>
internal enum LedgerAction
{
    None,
    New,
    Cancel,
    Amend,
}

internal sealed record Route(string Method, string Path, Security Security, MarketKind? Market, int Weight, LedgerAction Ledger, Func<ApiRequest, JsonNode> Handler);
