using System.Globalization;
using Microsoft.Extensions.Configuration;
using TradingActors.Hocon;

namespace TradingActors.Binance.Common;

/// <summary>
/// Reads <see cref="BinanceOptions"/> from a configuration section shaped like the reference block
/// <c>trading-actors.binance</c> (hocon/binance.conf); missing keys keep their defaults, malformed ones
/// are errors that name the key.
/// </summary>
public static class BinanceConfiguration
{
    public static BinanceOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var d = new BinanceOptions();
        var environment = section["environment"] is { Length: > 0 } env
            ? Enum.TryParse<BinanceEnvironment>(env, ignoreCase: true, out var parsed)
                ? parsed
                : throw new FormatException($"trading-actors.binance.environment: '{env}' is not simulator, testnet or production.")
            : d.Environment;
        return d with
        {
            Environment = environment,
            Endpoints = Endpoints(section.GetSection("endpoints"), BinanceEndpoints.For(environment)),
            ApiKeyVariable = section["api-key-variable"] ?? d.ApiKeyVariable,
            ApiSecretVariable = section["api-secret-variable"] ?? d.ApiSecretVariable,
            SecretsFile = section["secrets-file"] is { Length: > 0 } file ? file : d.SecretsFile,
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

    /// <summary>Parses a duration as HOCON does (<c>250ms</c>, <c>5s</c>, <c>1 minute</c>, <c>00:00:05</c>, plain milliseconds).</summary>
    public static TimeSpan ParseDuration(string text) => HoconDuration.Parse(text);

    private static BinanceEndpoints? Endpoints(IConfigurationSection section, BinanceEndpoints defaults)
    {
        if (!section.GetChildren().Any())
        {
            return null;
        }

        return new BinanceEndpoints(
            Url(section, "spot-rest") ?? defaults.SpotRest,
            Url(section, "spot-streams") ?? defaults.SpotStreams,
            Url(section, "spot-websocket-api") ?? defaults.SpotWebSocketApi,
            Url(section, "futures-rest") ?? defaults.FuturesRest,
            Url(section, "futures-streams") ?? defaults.FuturesStreams);
    }

    private static Uri? Url(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"trading-actors.binance.endpoints.{key}: '{text}' is not an absolute URL.")
            : null;

    private static TimeSpan? Duration(IConfiguration section, string key)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            return ParseDuration(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"trading-actors.binance.{key}: {ex.Message}", ex);
        }
    }

    private static int? Int(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"trading-actors.binance.{key}: '{text}' is not an integer.")
            : null;

    private static decimal? Decimal(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text
            ? decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"trading-actors.binance.{key}: '{text}' is not a number.")
            : null;
}
