using System.Globalization;
using System.Text;

namespace TradingActors.Node.Tests.Backtest;

/// <summary>Writes one-minute kline files in Binance's format for tests.</summary>
internal static class KlineFiles
{
    /// <summary>One bar per close (open = previous close, high/low around them); a null close leaves that minute out.</summary>
    public static void Write(string path, DateTimeOffset start, IReadOnlyList<decimal?> closes)
    {
        var bars = new List<(decimal Open, decimal High, decimal Low, decimal Close)?>();
        decimal? previous = null;
        foreach (var close in closes)
        {
            if (close is { } c)
            {
                var open = previous ?? c;
                bars.Add((open, Math.Max(open, c), Math.Min(open, c), c));
                previous = c;
            }
            else
            {
                bars.Add(null);
            }
        }

        WriteBars(path, start, bars);
    }

    public static void WriteBars(string path, DateTimeOffset start, IReadOnlyList<(decimal Open, decimal High, decimal Low, decimal Close)?> bars)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        for (var i = 0; i < bars.Count; i++)
        {
            if (bars[i] is not { } bar)
            {
                continue;
            }

            var open = start.AddMinutes(i).ToUnixTimeMilliseconds();
            text.Append(CultureInfo.InvariantCulture, $"{open},{bar.Open},{bar.High},{bar.Low},{bar.Close},10,{open + 59_999},1000,10,5,500,0\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
