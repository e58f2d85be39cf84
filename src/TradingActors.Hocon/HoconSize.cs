using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

/// <summary>
/// HOCON size-in-bytes values: <c>512k</c>, <c>64 MiB</c>, <c>10MB</c>, <c>100</c> (bytes). Single letters and
/// the <c>Ki</c>/<c>KiB</c> family are powers of two; <c>kB</c>/<c>MB</c>/<c>kilobytes</c> are powers of ten.
/// </summary>
public static class HoconSize
{
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a size in bytes: expected a number and a unit such as 512k, 64 MiB or 10MB");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out long value)
    {
        value = 0;
        if (text is null
            || !UnitParsing.TrySplit(text.AsSpan().Trim(), out var number, out var unit)
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture,
                out decimal amount))
        {
            return false;
        }

        var multiplier = Multiplier(unit);
        if (multiplier is null)
        {
            return false;
        }

        try
        {
            value = (long)decimal.Truncate(amount * multiplier.Value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal? Multiplier(string unit)
    {
        const decimal Kibi = 1024m;
        return unit switch
        {
            "" or "B" or "b" or "byte" or "bytes" => 1m,
            "kB" or "kilobyte" or "kilobytes" => 1000m,
            "MB" or "megabyte" or "megabytes" => 1000m * 1000m,
            "GB" or "gigabyte" or "gigabytes" => 1000m * 1000m * 1000m,
            "TB" or "terabyte" or "terabytes" => 1000m * 1000m * 1000m * 1000m,
            "K" or "k" or "Ki" or "KiB" or "kibibyte" or "kibibytes" => Kibi,
            "M" or "m" or "Mi" or "MiB" or "mebibyte" or "mebibytes" => Kibi * Kibi,
            "G" or "g" or "Gi" or "GiB" or "gibibyte" or "gibibytes" => Kibi * Kibi * Kibi,
            "T" or "t" or "Ti" or "TiB" or "tebibyte" or "tebibytes" => Kibi * Kibi * Kibi * Kibi,
            _ => null,
        };
    }
}
