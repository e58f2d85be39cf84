using System.Globalization;
using Microsoft.Extensions.Configuration;
using TradingActors.Binance.Common;

namespace TradingActors.Node.Config;

/// <summary>Typed reads of one configuration section whose errors name the full HOCON key.</summary>
internal sealed class ConfigValues(IConfiguration root, string path)
{
    private readonly IConfigurationSection _section = root.GetSection(path.Replace('.', ':'));

    public IConfigurationSection Section => _section;

    public string Key(string key) => $"{path}.{key}";

    public string? String(string key) => _section[key.Replace('.', ':')] is { Length: > 0 } text ? text.Trim() : null;

    public TimeSpan? Duration(string key)
    {
        if (String(key) is not { } text)
        {
            return null;
        }

        try
        {
            var value = BinanceConfiguration.ParseDuration(text);
            return value >= TimeSpan.Zero ? value : throw new FormatException("must not be negative");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new NodeConfigurationException(Key(key), $"'{text}' is not a duration (e.g. 250ms, 5s, 10m).", e);
        }
    }

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue) =>
        String(key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
        : throw new NodeConfigurationException(Key(key), $"'{text}' is not a whole number between {min} and {max}.");

    public decimal? Decimal(string key, decimal min = decimal.MinValue) =>
        String(key) is not { } text ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= min ? value
        : throw new NodeConfigurationException(Key(key), $"'{text}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}.");

    public bool? Bool(string key) =>
        String(key) is not { } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw new NodeConfigurationException(Key(key), $"'{text}' is not true or false.");

    public T? Enum<T>(string key)
        where T : struct, Enum =>
        String(key) is not { } text ? null
        : System.Enum.TryParse<T>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value
        : throw new NodeConfigurationException(Key(key), $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>()).ToLowerInvariant()}.");

    public IReadOnlyList<string>? List(string key)
    {
        var list = _section.GetSection(key.Replace('.', ':'));

        // HOCON lists arrive as children (key:0, key:1); a list given on the command line or in an environment
        // variable arrives as the key's own value "a,b" and, coming from a later source, wins.
        if (list.Value is { Length: > 0 } text)
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var items = list.GetChildren().OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : 0).Select(c => c.Value).OfType<string>().ToList();
        return items.Count > 0 ? items : null;
    }
}
