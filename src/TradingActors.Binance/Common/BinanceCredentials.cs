namespace TradingActors.Binance.Common;

/// <summary>
/// An API key and secret. <see cref="ToString"/> never shows either; load them from environment
/// variables or a secrets file, never from configuration that gets logged.
/// </summary>
public sealed class BinanceCredentials
{
    public BinanceCredentials(string apiKey, string apiSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiSecret);
        ApiKey = apiKey.Trim();
        ApiSecret = apiSecret.Trim();
    }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    /// <summary>Reads the key and secret from two environment variables.</summary>
    public static BinanceCredentials FromEnvironment(string apiKeyVariable = "BINANCE_API_KEY", string apiSecretVariable = "BINANCE_API_SECRET")
    {
        var key = Environment.GetEnvironmentVariable(apiKeyVariable);
        var secret = Environment.GetEnvironmentVariable(apiSecretVariable);
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                $"Binance credentials missing: set the environment variables {apiKeyVariable} and {apiSecretVariable}.");
        }

        return new BinanceCredentials(key, secret);
    }

    /// <summary>
    /// Reads a secrets file of <c>name=value</c> lines with <c>api-key</c> and <c>api-secret</c>
    /// (blank lines and lines starting with # are ignored).
    /// </summary>
    public static BinanceCredentials FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Binance secrets file not found: {path}", path);
        }

        string? key = null;
        string? secret = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Binance secrets file {path}: expected name=value lines.");
            }

            var name = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + 1)..].Trim();
            switch (name)
            {
                case "api-key" or "apikey" or "api_key":
                    key = value;
                    break;
                case "api-secret" or "apisecret" or "api_secret":
                    secret = value;
                    break;
                default:
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
        {
            throw new FormatException($"Binance secrets file {path} must define api-key and api-secret.");
        }

        return new BinanceCredentials(key, secret);
    }

    public override string ToString() => $"BinanceCredentials(ApiKey={SecretRedactor.Mask(ApiKey)}, ApiSecret=***)";
}
