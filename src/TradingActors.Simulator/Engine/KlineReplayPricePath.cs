using System.Globalization;

namespace TradingActors.Simulator.Engine;

/// <summary>
/// Replays closing prices from a kline CSV (Binance's download format: open time, open, high, low, close, ...; a header
/// line is skipped), one kline per step, for every symbol; the path holds the last close when the file runs out.
/// </summary>
public sealed class KlineReplayPricePath : IPricePath
{
    private readonly IReadOnlyList<decimal> _closes;

    public KlineReplayPricePath(IReadOnlyList<decimal> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        _closes = closes;
    }

    public static KlineReplayPricePath FromCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var closes = new List<decimal>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var cells = line.Split(',');
            if (cells.Length < 5)
            {
                continue;
            }

            if (decimal.TryParse(cells[4].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var close))
            {
                closes.Add(close);
            }
            else if (lineNumber > 1)
            {
                throw new FormatException($"Kline CSV line {lineNumber}: close '{cells[4]}' is not a number.");
            }
        }

        return new KlineReplayPricePath(closes);
    }

    public decimal? Next(string symbol, decimal current, long stepIndex) =>
        _closes.Count == 0 ? null : _closes[(int)Math.Min(stepIndex, _closes.Count - 1)];
}
