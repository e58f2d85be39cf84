namespace TradingActors.Node.Backtest;

/// <summary>The figures of a set of trades over an equity curve (one strategy, or the whole account).</summary>
/// <param name="WinRate">Share of trades with a positive net PnL.</param>
/// <param name="ProfitFactor">Gross profit over gross loss; null without a losing trade.</param>
/// <param name="Expectancy">Mean net PnL per trade.</param>
/// <param name="MaxDrawdownPercent">Largest fall from a peak, as a fraction of that peak.</param>
/// <param name="MaxDrawdownDuration">Longest time spent below a previous peak.</param>
/// <param name="Sharpe">Annualised (365 days) mean over standard deviation of daily returns; null under two days.</param>
/// <param name="Sortino">As <paramref name="Sharpe"/>, over the downside deviation; null without a losing day.</param>
/// <param name="Exposure">Share of the run's time with a position open.</param>
public sealed record BacktestStatistics(
    int Trades,
    decimal NetPnl,
    decimal Fees,
    decimal WinRate,
    decimal? ProfitFactor,
    decimal Expectancy,
    decimal MaxDrawdown,
    decimal MaxDrawdownPercent,
    TimeSpan MaxDrawdownDuration,
    double? Sharpe,
    double? Sortino,
    decimal Exposure)
{
    public static BacktestStatistics Of(IReadOnlyList<BacktestTrade> trades, IReadOnlyList<EquityPoint> equity, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(equity);
        var wins = trades.Where(t => t.NetPnl > 0m).ToList();
        var grossProfit = wins.Sum(t => t.NetPnl);
        var grossLoss = -trades.Where(t => t.NetPnl < 0m).Sum(t => t.NetPnl);
        var (drawdown, percent, duration) = Drawdown(equity);
        var (sharpe, sortino) = Ratios(equity);
        return new BacktestStatistics(
            trades.Count,
            trades.Sum(t => t.NetPnl),
            trades.Sum(t => t.Fees),
            trades.Count == 0 ? 0m : Round((decimal)wins.Count / trades.Count),
            grossLoss == 0m ? null : Round(grossProfit / grossLoss),
            trades.Count == 0 ? 0m : Round(trades.Sum(t => t.NetPnl) / trades.Count),
            drawdown,
            percent,
            duration,
            sharpe,
            sortino,
            ExposureOf(trades, start, end));
    }

    /// <summary>Equity over time of the trades alone: <paramref name="capital"/> plus the net PnL realised by each time of <paramref name="times"/>.</summary>
    public static IReadOnlyList<EquityPoint> Realized(IReadOnlyList<BacktestTrade> trades, decimal capital, IEnumerable<DateTimeOffset> times)
    {
        var ordered = trades.OrderBy(t => t.ExitTime).ToList();
        var curve = new List<EquityPoint>();
        var next = 0;
        var equity = capital;
        foreach (var time in times)
        {
            while (next < ordered.Count && ordered[next].ExitTime <= time)
            {
                equity += ordered[next++].NetPnl;
            }

            curve.Add(new EquityPoint(time, equity));
        }

        return curve;
    }

    /// <summary>The drawdown below the running peak at each point (amount, negative or zero).</summary>
    public static IReadOnlyList<EquityPoint> Underwater(IReadOnlyList<EquityPoint> equity)
    {
        var peak = decimal.MinValue;
        var curve = new List<EquityPoint>(equity.Count);
        foreach (var point in equity)
        {
            peak = Math.Max(peak, point.Equity);
            curve.Add(new EquityPoint(point.Time, point.Equity - peak));
        }

        return curve;
    }

    private static (decimal Amount, decimal Percent, TimeSpan Duration) Drawdown(IReadOnlyList<EquityPoint> equity)
    {
        decimal amount = 0m, percent = 0m;
        var longest = TimeSpan.Zero;
        if (equity.Count == 0)
        {
            return (0m, 0m, TimeSpan.Zero);
        }

        var peak = equity[0].Equity;
        var peakTime = equity[0].Time;
        foreach (var point in equity)
        {
            if (point.Equity >= peak)
            {
                peak = point.Equity;
                peakTime = point.Time;
                continue;
            }

            var fall = peak - point.Equity;
            amount = Math.Max(amount, fall);
            percent = Math.Max(percent, peak > 0m ? fall / peak : 0m);
            longest = point.Time - peakTime > longest ? point.Time - peakTime : longest;
        }

        return (Round(amount), Round(percent), longest);
    }

    private static (double? Sharpe, double? Sortino) Ratios(IReadOnlyList<EquityPoint> equity)
    {
        // The equity at the end of every whole day of the run, counted from its start.
        var daily = new List<decimal>();
        if (equity.Count > 0)
        {
            daily.Add(equity[0].Equity);
            daily.AddRange(equity.GroupBy(p => (p.Time - equity[0].Time).Ticks / TimeSpan.TicksPerDay).Select(g => g.Last().Equity));
        }

        var returns = new List<double>();
        for (var i = 1; i < daily.Count; i++)
        {
            if (daily[i - 1] > 0m)
            {
                returns.Add((double)(daily[i] / daily[i - 1]) - 1d);
            }
        }

        if (returns.Count < 2)
        {
            return (null, null);
        }

        var mean = returns.Average();
        var deviation = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
        var downside = Math.Sqrt(returns.Sum(r => Math.Min(r, 0d) * Math.Min(r, 0d)) / returns.Count);
        var annual = Math.Sqrt(365d);
        return (deviation > 0d ? Math.Round(mean / deviation * annual, 6) : null, downside > 0d ? Math.Round(mean / downside * annual, 6) : null);
    }

    private static decimal ExposureOf(IReadOnlyList<BacktestTrade> trades, DateTimeOffset start, DateTimeOffset end)
    {
        var total = end - start;
        if (total <= TimeSpan.Zero || trades.Count == 0)
        {
            return 0m;
        }

        // The union of the trades' open intervals: two strategies open at once count once.
        var covered = TimeSpan.Zero;
        DateTimeOffset? from = null, to = null;
        foreach (var trade in trades.OrderBy(t => t.EntryTime))
        {
            if (to is { } currentEnd && trade.EntryTime <= currentEnd)
            {
                to = trade.ExitTime > currentEnd ? trade.ExitTime : currentEnd;
                continue;
            }

            if (from is { } f && to is { } t)
            {
                covered += t - f;
            }

            (from, to) = (trade.EntryTime, trade.ExitTime);
        }

        if (from is { } lastFrom && to is { } lastTo)
        {
            covered += lastTo - lastFrom;
        }

        return Round((decimal)covered.Ticks / total.Ticks);
    }

    private static decimal Round(decimal value) => decimal.Round(value, 8);
}
