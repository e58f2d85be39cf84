namespace TradingActors.Trading.Features;

/// <summary>The few functions <see cref="decimal"/> lacks, kept in decimal so prices never pass through binary floating point.</summary>
public static class DecimalMath
{
    /// <summary>Square root by Newton's method, exact to decimal's precision for the magnitudes features produce.</summary>
    public static decimal Sqrt(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value == 0m)
        {
            return 0m;
        }

        var guess = (decimal)Math.Sqrt((double)value);
        for (var i = 0; i < 8; i++)
        {
            var next = (guess + (value / guess)) / 2m;
            if (next == guess)
            {
                break;
            }

            guess = next;
        }

        return guess;
    }
}
