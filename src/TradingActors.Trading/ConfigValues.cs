using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace TradingActors.Trading;

/// <summary>
/// Typed reads of one HOCON block of the root configuration; every error names the full key
/// (<c>trading-actors.router.unknown-query-backoff: '5x' is not a duration</c>). Absent and empty values read as null,
/// so the caller keeps its default.
/// </summary>
public sealed class ConfigValues
{
    private readonly Config _block;

    /// <summary>The block at <paramref name="path"/> of the root configuration (empty when absent).</summary>
    public ConfigValues(Config root, string path)
        : this(path, Sub(root ?? throw new ArgumentNullException(nameof(root)), path))
    {
    }

    private ConfigValues(string path, Config block)
    {
        Path = path;
        _block = block;
    }

    /// <summary>The full key of the block, as written in HOCON.</summary>
    public string Path { get; }

    /// <summary>The names of the block's own keys, in the order HOCON gives them.</summary>
    public IReadOnlyList<string> Names => _block.IsEmpty || !_block.Root.IsObject() ? [] : [.. _block.Root.GetObject().Items.Keys];

    public string Key(string key) => $"{Path}.{key}";

    /// <summary>A nested block, its errors named below this one.</summary>
    public ConfigValues Block(string key) => new(Key(key), Sub(_block, key));

    /// <summary>A list of blocks (<c>conditions = [{ ... }, { ... }]</c>); item i is named <c>key.i</c>.</summary>
    public IReadOnlyList<ConfigValues> Blocks(string key)
    {
        if (Value(key) is not { } value)
        {
            return [];
        }

        if (!value.IsArray())
        {
            throw new FormatException($"{Key(key)}: expected a list of blocks.");
        }

        return value.GetArray()
            .Select((item, i) => item.IsObject()
                ? new ConfigValues($"{Key(key)}.{i}", new Config(new HoconRoot(item)))
                : throw new FormatException($"{Key(key)}.{i}: expected a block {{ ... }}."))
            .ToList();
    }

    /// <summary>Every value of the block as (full key, text) pairs, lists by index: a stable picture of what it says.</summary>
    public IEnumerable<(string Key, string? Value)> Flatten() => Flatten(Path, _block.IsEmpty ? null : _block.Root);

    public string? String(string key)
    {
        if (Value(key) is not { } value)
        {
            return null;
        }

        if (value.IsObject() || value.IsArray())
        {
            throw new FormatException($"{Key(key)}: expected a single value, not a block or a list.");
        }

        return value.GetString() is { } text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
    }

    /// <summary>
    /// A duration as Akka reads it (<c>250ms</c>, <c>5s</c>, <c>10m</c>, <c>1 minute</c>, a bare number of milliseconds),
    /// or a <see cref="TimeSpan"/> literal (<c>00:00:05</c>), which Akka does not take.
    /// </summary>
    public TimeSpan? Duration(string key) =>
        String(key) is not { } text ? null
        : TryParseDuration(text, out var value) ? value
        : throw new FormatException($"{Key(key)}: '{text}' is not a duration (e.g. 500ms, 5s, 1m).");

    public int? Int(string key) =>
        String(key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new FormatException($"{Key(key)}: '{text}' is not a non-negative whole number.");

    public decimal? Decimal(string key) =>
        String(key) is not { } text ? null
        : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
        : throw new FormatException($"{Key(key)}: '{text}' is not a number.");

    public bool? Bool(string key) =>
        String(key) is not { } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw new FormatException($"{Key(key)}: '{text}' is not true or false.");

    /// <summary>
    /// A HOCON list, or one text of comma-separated items: an environment variable or <c>--set</c> gives a list as
    /// <c>a,b</c>, and, being a later layer, wins over the list of a file.
    /// </summary>
    public IReadOnlyList<string>? List(string key)
    {
        if (Value(key) is not { } value)
        {
            return null;
        }

        var items = value.IsArray()
            ? value.GetArray().Select(item => item.IsObject() || item.IsArray()
                ? throw new FormatException($"{Key(key)}: expected a list of values.")
                : item.GetString()?.Trim()).OfType<string>().Where(item => item.Length > 0).ToList()
            : (String(key) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return items.Count > 0 ? items : null;
    }

    /// <summary>
    /// The value of the word (any case) the key holds; <paramref name="fallback"/> when the key is absent. Any other
    /// text is an error naming the key and the accepted words.
    /// </summary>
    public T Choice<T>(string key, T fallback, params (string Word, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (String(key) is not { } text)
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
        throw new FormatException($"{Key(key)}: '{text}' is not {accepted}.");
    }

    /// <summary>The duration forms of <see cref="Duration"/>; false for anything else, negative values included.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        if (text.Length == 0 || text[0] is '-' or '+')
        {
            return false;
        }

        try
        {
            var literal = new HoconValue();
            literal.AppendValue(new HoconLiteral { Value = text });
            value = literal.GetTimeSpan(allowInfinite: false);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    private HoconValue? Value(string key)
    {
        if (_block.IsEmpty)
        {
            return null;
        }

        var value = _block.GetValue(key);
        return value is null || value.IsEmpty ? null : value;
    }

    private static Config Sub(Config config, string path) => config.IsEmpty ? Config.Empty : config.GetConfig(path) ?? Config.Empty;

    private static IEnumerable<(string Key, string? Value)> Flatten(string path, HoconValue? value)
    {
        if (value is null || value.IsEmpty)
        {
            yield return (path, null);
        }
        else if (value.IsObject())
        {
            yield return (path, null);
            foreach (var (name, child) in value.GetObject().Items)
            {
                foreach (var entry in Flatten($"{path}.{name}", child))
                {
                    yield return entry;
                }
            }
        }
        else if (value.IsArray())
        {
            yield return (path, null);
            var items = value.GetArray();
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var entry in Flatten($"{path}.{i}", items[i]))
                {
                    yield return entry;
                }
            }
        }
        else
        {
            yield return (path, value.GetString());
        }
    }
}
