using System.Security.Cryptography;
using System.Text;
using TradingActors.Exchange;

namespace TradingActors.Trading.Domain;

/// <summary>
/// Derives the client order id of each leg of an intent: <c>{prefix}{digest}-{leg}</c>, where the digest is
/// the first 20 base-62 characters of SHA-256(intent id). The same (intent, leg) always gives the same id, so
/// a retry can never become a second order, and the prefix tells the reconciler our orders from foreign ones.
/// </summary>
public static class ClientOrderIds
{
    public const string DefaultPrefix = "ta-";
    public const int MaxPrefixLength = 8;
    public const int MaxLegLength = 6;
    private const int DigestLength = 20;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static ClientOrderId Derive(string prefix, IntentId intent, string leg)
    {
        ValidatePrefix(prefix);
        if (string.IsNullOrEmpty(leg) || leg.Length > MaxLegLength || !leg.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Leg '{leg}' must be 1-{MaxLegLength} ASCII letters or digits.", nameof(leg));
        }

        return ClientOrderId.Create($"{prefix}{Digest(intent)}-{leg}");
    }

    /// <summary>
    /// The key of the intent's entity: the digest every client order id of the intent carries, so an exchange event
    /// finds its intent from its client order id alone, with no index to keep (or to lose in a failover).
    /// </summary>
    public static string IntentKey(IntentId intent) => Digest(intent);

    /// <summary>The intent key inside one of our client order ids; false for foreign ids.</summary>
    public static bool TryIntentKey(string prefix, ClientOrderId id, out string key)
    {
        key = IsOurs(prefix, id) ? id.Value.Substring(prefix.Length, DigestLength) : string.Empty;
        return key.Length > 0;
    }

    /// <summary>True when the id carries our prefix and the shape <see cref="Derive"/> gives.</summary>
    public static bool IsOurs(string prefix, ClientOrderId id)
    {
        var value = id.Value;
        if (value is null || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.AsSpan(prefix.Length);
        var dash = rest.IndexOf('-');
        return dash == DigestLength && rest.Length - dash - 1 is >= 1 and <= MaxLegLength;
    }

    public static void ValidatePrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength || !ClientOrderId.IsValid(prefix))
        {
            throw new ArgumentException(
                $"Client order id prefix '{prefix}' must be 1-{MaxPrefixLength} characters of [a-zA-Z0-9-_].", nameof(prefix));
        }
    }

    private static string Digest(IntentId intent)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(intent.Value), hash);
        Span<char> digest = stackalloc char[DigestLength];
        for (var i = 0; i < DigestLength; i++)
        {
            // 32 bytes give 20 draws of 62 with negligible bias for an id digest (not a secret).
            digest[i] = Alphabet[(hash[i] + (hash[i + 12] << 8)) % Alphabet.Length];
        }

        return new string(digest);
    }
}
