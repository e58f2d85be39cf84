using System.Globalization;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Config;

/// <summary>Typed reads of one block of the root configuration whose errors name the full HOCON key.</summary>
internal sealed class ConfigValues(AkkaConfig root, string path)
{
    private readonly Trading.ConfigValues _values = new(root, path);

    public string Key(string key) => _values.Key(key);

    public string? String(string key) => Read(key, () => _values.String(key));

    public TimeSpan? Duration(string key) =>
        String(key) is not { } text ? null
        : Trading.ConfigValues.TryParseDuration(text, out var value) ? value
        : throw new NodeConfigurationException(Key(key), $"'{text}' is not a duration (e.g. 250ms, 5s, 10m).");

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

    /// <summary>A HOCON list, or a comma-separated text (how an environment variable or --set gives a list).</summary>
    public IReadOnlyList<string>? List(string key) => Read(key, () => _values.List(key));

    private T Read<T>(string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            var prefix = Key(key) + ": ";
            throw new NodeConfigurationException(Key(key), e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message, e);
        }
    }
}
