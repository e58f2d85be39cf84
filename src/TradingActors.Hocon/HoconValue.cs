using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

/// <summary>
/// A resolved HOCON value: an object, an array or a scalar. Scalars keep their text as written, so a
/// number or a duration reads back exactly; the typed getters convert on demand.
/// </summary>
public sealed class HoconValue
{
    private readonly string? _text;
    private readonly IReadOnlyList<HoconValue>? _items;
    private readonly OrderedDictionary<string, HoconValue>? _fields;
    private ReadOnlyDictionary<string, HoconValue>? _readOnlyFields;

    private HoconValue(HoconValueKind kind, string? text, IReadOnlyList<HoconValue>? items, OrderedDictionary<string, HoconValue>? fields)
    {
        Kind = kind;
        _text = text;
        _items = items;
        _fields = fields;
    }

    public static HoconValue Null { get; } = new(HoconValueKind.Null, null, null, null);

    public static HoconValue True { get; } = new(HoconValueKind.Boolean, "true", null, null);

    public static HoconValue False { get; } = new(HoconValueKind.Boolean, "false", null, null);

    public static HoconValue EmptyObject { get; } = new(HoconValueKind.Object, null, null, new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal));

    public HoconValueKind Kind { get; }

    public bool IsObject => Kind == HoconValueKind.Object;

    public bool IsArray => Kind == HoconValueKind.Array;

    /// <summary>True for strings, numbers, booleans and null.</summary>
    public bool IsScalar => Kind is not (HoconValueKind.Object or HoconValueKind.Array);

    public static HoconValue FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HoconValue(HoconValueKind.String, text, null, null);
    }

    /// <summary>The fields of an object, in the order they were first defined.</summary>
    public IReadOnlyDictionary<string, HoconValue> GetObject() =>
        _readOnlyFields ??= _fields is null ? throw WrongKind("an object") : new ReadOnlyDictionary<string, HoconValue>(_fields);

    public IReadOnlyList<HoconValue> GetArray() => _items ?? throw WrongKind("an array");

    /// <summary>The text of a string, number or boolean as written in the document.</summary>
    public string GetString() => Kind switch
    {
        HoconValueKind.String or HoconValueKind.Number or HoconValueKind.Boolean => _text!,
        _ => throw WrongKind("a string"),
    };

    public bool GetBoolean() => _text switch
    {
        "true" or "yes" or "on" when Kind is not (HoconValueKind.Object or HoconValueKind.Array) => true,
        "false" or "no" or "off" when Kind is not (HoconValueKind.Object or HoconValueKind.Array) => false,
        _ => throw WrongKind("a boolean (true/false/yes/no/on/off)"),
    };

    public int GetInt32() => int.TryParse(ScalarText("an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw WrongKind("a 32-bit integer");

    public long GetInt64() => long.TryParse(ScalarText("an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw WrongKind("a 64-bit integer");

    public decimal GetDecimal() => decimal.TryParse(ScalarText("a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw WrongKind("a decimal number");

    public double GetDouble() => double.TryParse(ScalarText("a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw WrongKind("a number");

    /// <summary>Reads a duration such as <c>5s</c>, <c>200ms</c> or <c>1 minute</c>; see <see cref="HoconDuration"/>.</summary>
    public TimeSpan GetDuration() => HoconDuration.TryParse(ScalarText("a duration"), out var v) ? v : throw WrongKind("a duration");

    /// <summary>Reads a size such as <c>512k</c> or <c>64 MiB</c> as a number of bytes; see <see cref="HoconSize"/>.</summary>
    public long GetBytes() => HoconSize.TryParse(ScalarText("a size in bytes"), out var v) ? v : throw WrongKind("a size in bytes");

    /// <summary>Looks up a dotted path (<c>a.b.c</c>, quoted elements allowed: <c>a."b.c"</c>) below this object.</summary>
    public bool TryGetValue(string path, [NotNullWhen(true)] out HoconValue? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = null;
        var current = this;
        foreach (var key in PathExpression.Split(path))
        {
            if (current._fields is null || !current._fields.TryGetValue(key, out var next))
            {
                return false;
            }

            current = next;
        }

        value = current;
        return true;
    }

    public HoconValue GetValue(string path) =>
        TryGetValue(path, out var value) ? value : throw new KeyNotFoundException($"No HOCON value at path '{path}'");

    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        if (Kind == HoconValueKind.Null)
        {
            return "null";
        }

        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    internal static HoconValue Number(string text) => new(HoconValueKind.Number, text, null, null);

    internal static HoconValue Array(IReadOnlyList<HoconValue> items) => new(HoconValueKind.Array, null, items, null);

    internal static HoconValue Object(OrderedDictionary<string, HoconValue> fields) => new(HoconValueKind.Object, null, null, fields);

    internal OrderedDictionary<string, HoconValue>? Fields => _fields;

    /// <summary>The text a scalar contributes to a string concatenation.</summary>
    internal string? ConcatText => Kind == HoconValueKind.Null ? "null" : _text;

    private string ScalarText(string expected) => _text ?? throw WrongKind(expected);

    private InvalidCastException WrongKind(string expected) =>
        new($"HOCON value {Describe()} is not {expected}");

    private string Describe() => Kind switch
    {
        HoconValueKind.Object => "(an object)",
        HoconValueKind.Array => "(an array)",
        HoconValueKind.Null => "null",
        _ => $"'{_text}'",
    };

    private void Render(StringBuilder builder)
    {
        switch (Kind)
        {
            case HoconValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in _fields!)
                {
                    builder.Append(first ? string.Empty : ", ").Append('"').Append(key).Append("\": ");
                    value.Render(builder);
                    first = false;
                }

                builder.Append('}');
                break;
            case HoconValueKind.Array:
                builder.Append('[');
                for (var i = 0; i < _items!.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    _items[i].Render(builder);
                }

                builder.Append(']');
                break;
            case HoconValueKind.String:
                builder.Append('"').Append(_text).Append('"');
                break;
            default:
                builder.Append(ConcatText);
                break;
        }
    }
}
