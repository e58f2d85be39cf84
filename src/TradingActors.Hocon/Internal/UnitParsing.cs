namespace TradingActors.Hocon.Internal;

internal static class UnitParsing
{
    /// <summary>Splits "10 days" / "512k" / "1.5s" into the number and the unit (the unit may be empty).</summary>
    public static bool TrySplit(ReadOnlySpan<char> text, out ReadOnlySpan<char> number, out string unit)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '-' or '+'
                                     || ((text[end] is 'e' or 'E') && end > 0 && end + 1 < text.Length
                                         && (char.IsAsciiDigit(text[end + 1]) || text[end + 1] is '-' or '+'))))
        {
            end++;
        }

        number = text[..end];
        unit = text[end..].Trim().ToString();
        return end > 0;
    }
}
