using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace TradingActors.Binance.Common;

/// <summary>
/// Reads <see cref="BinanceOptions"/> from the block <c>trading-actors.binance</c> of the root configuration
/// (hocon/binance.conf); missing keys keep their defaults, malformed ones are errors that name the key.
/// </summary>
public static class BinanceConfiguration
{
    public const string Block = "trading-actors.binance";

    public static BinanceOptions Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.IsEmpty ? Config.Empty : config.GetConfig(Block) ?? Config.Empty;
        var d = new BinanceOptions();
        var environment = Text(section, "environment") is { } env
            ? Enum.TryParse<BinanceEnvironment>(env, ignoreCase: true, out var parsed)
                ? parsed
                : throw new FormatException($"{Block}.environment: '{env}' is not simulator, testnet or production.")
            : d.Environment;
        return d with
        {
            Environment = environment,
            Endpoints = Endpoints(section, BinanceEndpoints.For(environment)),
            ApiKeyVariable = Text(section, "api-key-variable") ?? d.ApiKeyVariable,
            ApiSecretVariable = Text(section, "api-secret-variable") ?? d.ApiSecretVariable,
            SecretsFile = Text(section, "secrets-file") ?? d.SecretsFile,
            RecvWindow = Duration(section, "recv-window") ?? d.RecvWindow,
            RequestTimeout = Duration(section, "request-timeout") ?? d.RequestTimeout,
            TimeSyncInterval = Duration(section, "time-sync-interval") ?? d.TimeSyncInterval,
            UnknownResolutionAttempts = Int(section, "unknown-resolution-attempts") ?? d.UnknownResolutionAttempts,
            UnknownResolutionInitialDelay = Duration(section, "unknown-resolution-initial-delay") ?? d.UnknownResolutionInitialDelay,
            UnknownResolutionMaxDelay = Duration(section, "unknown-resolution-max-delay") ?? d.UnknownResolutionMaxDelay,
            RateLimitUtilization = Decimal(section, "rate-limit-utilization") ?? d.RateLimitUtilization,
            MaxRateLimitWait = Duration(section, "max-rate-limit-wait") ?? d.MaxRateLimitWait,
            ReconnectInitialDelay = Duration(section, "reconnect-initial-delay") ?? d.ReconnectInitialDelay,
            ReconnectMaxDelay = Duration(section, "reconnect-max-delay") ?? d.ReconnectMaxDelay,
            MaxConnectionLifetime = Duration(section, "max-connection-lifetime") ?? d.MaxConnectionLifetime,
            WebSocketKeepAlive = Duration(section, "websocket-keep-alive") ?? d.WebSocketKeepAlive,
            SubscribeTimeout = Duration(section, "subscribe-timeout") ?? d.SubscribeTimeout,
            ListenKeyKeepAlive = Duration(section, "listen-key-keep-alive") ?? d.ListenKeyKeepAlive,
        };
    }

    /// <summary>
    /// Parses a duration as Akka's HOCON does (<c>250ms</c>, <c>5s</c>, <c>1 minute</c>, plain milliseconds), and a
    /// <see cref="TimeSpan"/> literal (<c>00:00:05</c>) as well, which Akka does not take.
    /// </summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var literal) && literal >= TimeSpan.Zero ? literal : throw NotADuration(text, null);
        }

        if (trimmed.Length == 0 || trimmed[0] is '-' or '+')
        {
            throw NotADuration(text, null);
        }

        var value = new HoconValue();
        value.AppendValue(new HoconLiteral { Value = trimmed });
        try
        {
            return value.GetTimeSpan(allowInfinite: false);
        }
        catch (Exception e) when (e is OverflowException or NotSupportedException or FormatException)
        {
            throw NotADuration(text, e);
        }
    }

    private static FormatException NotADuration(string text, Exception? inner) =>
        new($"'{text}' is not a duration: expected a number and a unit such as 200ms, 5s, 1 minute or 3h", inner);

    private static BinanceEndpoints? Endpoints(Config section, BinanceEndpoints defaults)
    {
        if (section.IsEmpty || section.GetConfig("endpoints") is not { IsEmpty: false } endpoints || !endpoints.Root.IsObject() || endpoints.Root.GetObject().Items.Count == 0)
        {
            return null;
        }

        return new BinanceEndpoints(
            Url(endpoints, "spot-rest") ?? defaults.SpotRest,
            Url(endpoints, "spot-streams") ?? defaults.SpotStreams,
            Url(endpoints, "spot-websocket-api") ?? defaults.SpotWebSocketApi,
            Url(endpoints, "futures-rest") ?? defaults.FuturesRest,
            Url(endpoints, "futures-streams") ?? defaults.FuturesStreams);
    }

    /// <summary>The key's text; null when absent or empty. A block or a list where a value belongs is an error.</summary>
    private static string? Text(Config section, string key, string? prefix = null)
    {
        if (section.IsEmpty || section.GetValue(key) is not { IsEmpty: false } value)
        {
            return null;
        }

        return value.IsObject() || value.IsArray()
            ? throw new FormatException($"{Block}.{prefix}{key}: expected a single value, not a block or a list.")
            : value.GetString() is { } text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
    }

    private static Uri? Url(Config section, string key) =>
        Text(section, key, "endpoints.") is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"{Block}.endpoints.{key}: '{text}' is not an absolute URL.")
            : null;

    private static TimeSpan? Duration(Config section, string key)
    {
        if (Text(section, key) is not { } text)
        {
            return null;
        }

        try
        {
            return ParseDuration(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{Block}.{key}: {ex.Message}", ex);
        }
    }

    private static int? Int(Config section, string key) =>
        Text(section, key) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{Block}.{key}: '{text}' is not an integer.")
            : null;

    private static decimal? Decimal(Config section, string key) =>
        Text(section, key) is { } text
            ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{Block}.{key}: '{text}' is not a number.")
            : null;
}
