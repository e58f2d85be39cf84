using System.Text.RegularExpressions;

namespace TradingActors.Binance.Common;

/// <summary>
/// Masks secrets in anything about to be logged: signatures, API-key headers and fields, listen keys,
/// and the literal key and secret of the credentials in use.
/// </summary>
public sealed partial class SecretRedactor
{
    internal const string Masked = "***";
    private readonly string[] _literals;

    public SecretRedactor(BinanceCredentials? credentials = null)
    {
        _literals = credentials is null ? [] : [credentials.ApiSecret, credentials.ApiKey];
    }

    /// <summary>Masks the known secret patterns and the literal credentials.</summary>
    public string Redact(string? text)
    {
        var result = RedactPatterns(text);
        foreach (var literal in _literals)
        {
            result = result.Replace(literal, Masked, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>Masks signatures, API keys and listen keys wherever they appear in URLs, headers or JSON.</summary>
    public static string RedactPatterns(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = SignatureInQuery().Replace(text, "$1" + Masked);
        result = ApiKeyHeader().Replace(result, "$1" + Masked);
        result = JsonSecretField().Replace(result, "$1" + Masked + "\"");
        result = ListenKeyInQuery().Replace(result, "$1" + Masked);
        result = ListenKeyInPath().Replace(result, "$1" + Masked);
        return result;
    }

    /// <summary>Shows only the first four characters of a key, for telling keys apart.</summary>
    public static string Mask(string value) =>
        string.IsNullOrEmpty(value) ? Masked : (value.Length <= 8 ? Masked : value[..4] + Masked);

    [GeneratedRegex(@"((?:^|[?&\s""])signature=)[^&\s""]*", RegexOptions.IgnoreCase)]
    private static partial Regex SignatureInQuery();

    [GeneratedRegex(@"(X-MBX-APIKEY[""']?\s*[:=]\s*[""']?)[^\s,""'&;]+", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyHeader();

    [GeneratedRegex(@"(""(?:apiKey|signature|listenKey|secret|apiSecret)""\s*:\s*"")[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretField();

    [GeneratedRegex(@"((?:^|[?&\s])listenKey=)[^&\s""]*", RegexOptions.IgnoreCase)]
    private static partial Regex ListenKeyInQuery();

    [GeneratedRegex(@"(/ws/)[A-Za-z0-9]{40,}")]
    private static partial Regex ListenKeyInPath();
}
