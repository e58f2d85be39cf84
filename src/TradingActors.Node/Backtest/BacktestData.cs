using TradingActors.Exchange;
using TradingActors.Simulator.Engine;

namespace TradingActors.Node.Backtest;

/// <summary>
/// The market history of a run: kline files (one per symbol and market; several files of one symbol, such as Binance's
/// daily files, join in time order), or the simulator's seeded price path when no file is given.
/// </summary>
public static class BacktestData
{
    /// <summary>
    /// Reads <paramref name="path"/> (a .csv file, or a folder searched recursively). The symbol is the file name up to
    /// its first '-' (Binance's <c>BTCUSDT-1m-2024-01-01.csv</c>); the market is a folder or name part <c>spot</c>, or
    /// <c>futures</c>/<c>um</c> (Binance's layout), and a file that names neither serves both markets.
    /// </summary>
    public static IReadOnlyList<KlineSeries> Load(string path, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        string[] files;
        if (File.Exists(full))
        {
            files = [full];
        }
        else if (Directory.Exists(full))
        {
            files = Directory.GetFiles(full, "*.csv", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
        }
        else
        {
            throw new BacktestDataException($"{path}: no such file or folder.");
        }

        if (files.Length == 0)
        {
            throw new BacktestDataException($"{path}: no .csv kline file in it.");
        }

        var groups = new SortedDictionary<string, (Symbol Symbol, Market? Market, List<(string File, IReadOnlyList<KlineBar> Bars)> Parts)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Directory.Exists(full) ? full : Path.GetDirectoryName(full)!, file);
            var (symbol, market) = Identify(relative, file);
            var key = $"{symbol}|{market}";
            if (!groups.TryGetValue(key, out var group))
            {
                group = (symbol, market, []);
                groups[key] = group;
            }

            group.Parts.Add((file, KlineCsv.Read(file)));
        }

        var series = new List<KlineSeries>();
        foreach (var (_, (symbol, market, parts)) in groups)
        {
            var bars = parts.SelectMany(p => p.Bars).OrderBy(b => b.OpenTime).ToList();
            for (var i = 1; i < bars.Count; i++)
            {
                if (bars[i].OpenTime == bars[i - 1].OpenTime)
                {
                    throw new BacktestDataException($"{symbol}: two files hold the bar opening at {bars[i].OpenTime:yyyy-MM-dd HH:mm:ss} ({string.Join(", ", parts.Select(p => Path.GetFileName(p.File)))}).");
                }
            }

            bars = bars.Where(b => (from is null || b.OpenTime >= from) && (to is null || b.OpenTime < to)).ToList();
            if (bars.Count == 0)
            {
                continue;
            }

            var interval = bars[0].EndTime - bars[0].OpenTime;
            series.Add(WithGaps(new KlineSeries(symbol, market, interval, bars, [.. parts.Select(p => p.File)])));
        }

        return series;
    }

    /// <summary>
    /// One-minute candles of the simulator's seeded random walk (the paper node's price path: one step per
    /// <see cref="EngineOptions.PriceStep"/>, the same seed and start prices) for each symbol, from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public static IReadOnlyList<KlineSeries> Seeded(EngineOptions options, IEnumerable<Symbol> symbols, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.PricePath ?? new RandomWalkPricePath(options.Seed);
        var step = options.PriceStep <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : options.PriceStep;
        var interval = TimeSpan.FromMinutes(1);
        var stepsPerBar = Math.Max(1, (int)(interval.Ticks / step.Ticks));
        var series = new List<KlineSeries>();
        foreach (var symbol in symbols.Distinct().OrderBy(s => s.Value, StringComparer.Ordinal))
        {
            var price = options.StartPrices.TryGetValue(symbol.Value, out var start) ? start : 100m;
            var bars = new List<KlineBar>();
            long stepIndex = 0;
            for (var open = from; open < to; open += interval)
            {
                decimal high = price, low = price, first = price;
                for (var s = 0; s < stepsPerBar; s++)
                {
                    stepIndex++;
                    price = path.Next(symbol.Value, price, stepIndex) is { } next and > 0m ? decimal.Round(next, 8) : price;
                    high = Math.Max(high, price);
                    low = Math.Min(low, price);
                }

                bars.Add(new KlineBar(open, first, high, low, price, 0m, open + interval));
            }

            series.Add(new KlineSeries(symbol, null, interval, bars, [$"seeded path (seed {options.Seed})"]));
        }

        return series;
    }

    private static KlineSeries WithGaps(KlineSeries series)
    {
        var gaps = new List<DataGap>();
        for (var i = 1; i < series.Bars.Count; i++)
        {
            var expected = series.Bars[i - 1].OpenTime + series.Interval;
            var actual = series.Bars[i].OpenTime;
            if (actual > expected)
            {
                gaps.Add(new DataGap(series.Name, expected, actual, (actual - expected).Ticks / series.Interval.Ticks));
            }
        }

        return series with { Gaps = gaps };
    }

    private static (Symbol Symbol, Market? Market) Identify(string relative, string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .SelectMany(p => Path.GetFileNameWithoutExtension(p).Split('-', '_', '.'))
            .Select(p => p.ToLowerInvariant())
            .ToList();
        Market? market = parts.Contains("spot") ? Market.Spot : parts.Contains("futures") || parts.Contains("um") ? Market.Futures : null;
        var token = name.Split('-', '_').FirstOrDefault(t => t.Length > 0 && t.ToLowerInvariant() is not ("spot" or "futures" or "um")) ?? name;
        try
        {
            return (new Symbol(token), market);
        }
        catch (ArgumentException)
        {
            throw new BacktestDataException($"{file}: the file name does not start with a symbol (expected e.g. BTCUSDT-1m-2024-01-01.csv).");
        }
    }
}
