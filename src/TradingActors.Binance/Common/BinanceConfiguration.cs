using System.Globalization;
using Microsoft.Extensions.Configuration;

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

    /// <summary>Parses <c>250ms</c>, <c>5s</c>, <c>10m</c>, <c>23h</c>, <c>1d</c>, <c>1 minute</c>, <c>00:00:05</c> or plain milliseconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var split = 0;
        while (split < t.Length && (char.IsAsciiDigit(t[split]) || t[split] == '.'))
        {
            split++;
        }

        if (split > 0 && decimal.TryParse(t[..split], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            var unit = t[split..].Trim().ToLowerInvariant();
            decimal? ms = unit switch
            {
                "" or "ms" or "millis" or "millisecond" or "milliseconds" => 1m,
                "s" or "second" or "seconds" => 1000m,
                "m" or "minute" or "minutes" => 60_000m,
                "h" or "hour" or "hours" => 3_600_000m,
                "d" or "day" or "days" => 86_400_000m,
                _ => null,
            };
            if (ms is { } factor)
            {
                return TimeSpan.FromMilliseconds((double)(amount * factor));
            }
        }

        return TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new FormatException($"'{text}' is not a duration (e.g. 250ms, 5s, 10m, 23h).");
    }

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
