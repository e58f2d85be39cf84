using System.Security.Cryptography;
using System.Text;

namespace TradingActors.Simulator.Tests.Http;

/// <summary>The test project's own HMAC-SHA256 signer (deliberately independent of src/TradingActors.Binance).</summary>
internal static class Signer
{
    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}
