using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary>
/// Serializer settings for Binance payloads: exact, case-sensitive names (event keys differ only by
/// case) and numbers that arrive as strings.
/// </summary>
internal static class BinanceJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty {typeof(T).Name} payload.");

    public static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Empty {typeof(T).Name} payload.");

    public static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>Decimal as Binance expects it: invariant, no exponent, no trailing zeros.</summary>
    public static string Format(decimal value) =>
        (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
