using System.Security.Cryptography;
using System.Text;

namespace TradingActors.Binance.Common;

/// <summary>HMAC-SHA256 request signing for REST and the WebSocket API.</summary>
internal static class BinanceSignature
{
    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="payload"/> (query string followed directly by body).</summary>
    public static string Sign(string secret, string payload)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// WebSocket API signing: every parameter except <c>signature</c>, sorted by name (ordinal), joined
    /// as <c>k=v&amp;...</c>, then signed.
    /// </summary>
    public static string SignWebSocketParams(string secret, IEnumerable<KeyValuePair<string, string>> parameters) =>
        Sign(secret, WebSocketPayload(parameters));

    public static string WebSocketPayload(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key != "signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
}
