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

    /// <summary>
    /// The value of the word (any case) the key holds; <paramref name="fallback"/> when the key is absent. Any other
    /// text is an error naming the key and the accepted words.
    /// </summary>
    public static T Choice<T>(IConfiguration section, string block, string key, T fallback, params (string Word, T Value)[] choices)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        foreach (var (word, value) in choices)
        {
            if (word.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var words = choices.Select(c => c.Word).ToList();
        var accepted = words.Count > 1 ? $"{string.Join(", ", words[..^1])} or {words[^1]}" : string.Join(string.Empty, words);
        throw new FormatException($"{block}.{key}: '{text}' is not {accepted}.");
    }
}
