using System.Globalization;
using Microsoft.Extensions.Configuration;
using TradingActors.Hocon;

namespace TradingActors.Trading;

/// <summary>Typed reads of configuration values whose errors name the full key.</summary>
public static class ConfigValues
{
    public static TimeSpan? Duration(IConfiguration section, string block, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : HoconDuration.TryParse(text, out var value) ? value
        : throw new FormatException($"{block}.{key}: '{text}' is not a duration (e.g. 500ms, 5s, 1m).");

    public static int? Int(IConfiguration section, string block, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new FormatException($"{block}.{key}: '{text}' is not a non-negative whole number.");

    public static decimal? Decimal(IConfiguration section, string block, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{block}.{key}: '{text}' is not a number.");
}
