using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

/// <summary>
/// HOCON duration values: a number with an optional unit (<c>200ms</c>, <c>5s</c>, <c>1 minute</c>,
/// <c>3h</c>, <c>10 days</c>, <c>1.5 s</c>). A bare number means milliseconds, as in the HOCON spec.
/// A <see cref="TimeSpan"/> literal (<c>00:00:05</c>) is accepted too, so environment overrides can use either.
/// </summary>
public static class HoconDuration
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var value)
            ? value
            : throw new FormatException(
                $"'{text}' is not a duration: expected a number and a unit such as 200ms, 5s, 1 minute, 3h or 10 days");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Contains(':'))
        {
            return TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out value);
        }

        if (!UnitParsing.TrySplit(span, out var number, out var unit)
            || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out decimal amount))
        {
            return false;
        }

        long? ticksPerUnit = unit switch
        {
            "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
            "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => 0,
            "us" or "micro" or "micros" or "microsecond" or "microseconds" => TimeSpan.TicksPerMicrosecond,
            "s" or "second" or "seconds" => TimeSpan.TicksPerSecond,
            "m" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
            "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
            "d" or "day" or "days" => TimeSpan.TicksPerDay,
            _ => null,
        };
        if (ticksPerUnit is null)
        {
            return false;
        }

        try
        {
            // A tick is 100ns, so nanoseconds divide instead of multiply.
            var ticks = ticksPerUnit == 0 ? amount / 100m : amount * ticksPerUnit.Value;
            value = TimeSpan.FromTicks((long)decimal.Truncate(ticks));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
