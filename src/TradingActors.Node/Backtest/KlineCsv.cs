using System.Globalization;

namespace TradingActors.Node.Backtest;

/// <summary>
/// Reads Binance's public kline files: rows of 12 columns (open time, open, high, low, close, volume, close time, quote
/// volume, trades, taker buy base, taker buy quote, ignore), with or without the header some exports add. Open times
/// are milliseconds, or microseconds (Binance's spot files from 2025 on). Anything else stops the run with the file,
/// the line and the column.
/// </summary>
public static class KlineCsv
{
    private const int Columns = 12;
    private static readonly string[] ColumnNames =
        ["open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"];

    public static IReadOnlyList<KlineBar> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static IReadOnlyList<KlineBar> Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var bars = new List<KlineBar>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && IsHeader(line)))
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != Columns)
            {
                throw new BacktestDataException(name, lineNumber, Math.Min(cells.Length, Columns) + 1, $"expected {Columns} comma-separated columns, found {cells.Length}.");
            }

            var openTime = Time(cells, 0, name, lineNumber);
            var closeTime = Time(cells, 6, name, lineNumber);
            var open = Price(cells, 1, name, lineNumber);
            var high = Price(cells, 2, name, lineNumber);
            var low = Price(cells, 3, name, lineNumber);
            var close = Price(cells, 4, name, lineNumber);
            var volume = Number(cells, 5, name, lineNumber);
            if (volume < 0m)
            {
                throw new BacktestDataException(name, lineNumber, 6, $"volume {cells[5]} is negative.");
            }

            if (high < Math.Max(open, close) || high < low)
            {
                throw new BacktestDataException(name, lineNumber, 3, $"high {cells[2]} is below the open, close or low of its bar.");
            }

            if (low > Math.Min(open, close))
            {
                throw new BacktestDataException(name, lineNumber, 4, $"low {cells[3]} is above the open or close of its bar.");
            }

            if (closeTime < openTime)
            {
                throw new BacktestDataException(name, lineNumber, 7, "close time is before the open time.");
            }

            if (bars.Count > 0 && openTime <= bars[^1].OpenTime)
            {
                throw new BacktestDataException(name, lineNumber, 1, $"open time {openTime:yyyy-MM-dd HH:mm:ss} is not after the previous row's ({bars[^1].OpenTime:yyyy-MM-dd HH:mm:ss}).");
            }

            // Binance's close time is the last millisecond of the bar.
            bars.Add(new KlineBar(openTime, open, high, low, close, volume, closeTime.AddMilliseconds(1)));
        }

        return bars;
    }

    private static bool IsHeader(string line) => line.Length > 0 && !char.IsAsciiDigit(line.TrimStart()[0]);

    private static DateTimeOffset Time(string[] cells, int index, string name, int line)
    {
        if (!long.TryParse(cells[index].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new BacktestDataException(name, line, index + 1, $"{ColumnNames[index]} '{cells[index]}' is not a time in milliseconds since 1970.");
        }

        // Spot files from 2025 count microseconds; no millisecond time of this millennium is that large.
        var ms = value > 100_000_000_000_000L ? value / 1000 : value;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static decimal Price(string[] cells, int index, string name, int line)
    {
        var value = Number(cells, index, name, line);
        return value > 0m ? value : throw new BacktestDataException(name, line, index + 1, $"{ColumnNames[index]} {cells[index]} is not a positive price.");
    }

    private static decimal Number(string[] cells, int index, string name, int line) =>
        decimal.TryParse(cells[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BacktestDataException(name, line, index + 1, $"{ColumnNames[index]} '{cells[index]}' is not a number.");
}
