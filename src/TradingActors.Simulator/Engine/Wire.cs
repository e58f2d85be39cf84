using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace TradingActors.Simulator.Engine;

/// <summary>Converts engine enums and numbers to and from Binance's wire spelling.</summary>
public static class Wire
{
    public static string Name<T>(T value)
        where T : struct, Enum => WireNames<T>.ToWire[value];

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        if (text is not null && WireNames<T>.FromWire.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Plain invariant decimal without trailing zeros ("65000.5", "0.001").</summary>
    public static string Dec(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Fixed eight decimals, as spot prints prices and quantities ("0.10000000").</summary>
    public static string Dec8(decimal value) => value.ToString("F8", CultureInfo.InvariantCulture);

    private static class WireNames<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ToWire = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Snake(v.ToString()));

        public static readonly FrozenDictionary<string, T> FromWire = ToWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        private static string Snake(string pascal)
        {
            var builder = new StringBuilder(pascal.Length + 4);
            for (var i = 0; i < pascal.Length; i++)
            {
                if (i > 0 && char.IsUpper(pascal[i]))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToUpperInvariant(pascal[i]));
            }

            return builder.ToString();
        }
    }
}
