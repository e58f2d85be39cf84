using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Node.Backtest;

/// <summary>
/// The report of a run as data: what ran over what, the trades, the figures per strategy and in total, and the equity
/// and drawdown curves. Serialised to <c>report.json</c> with a fixed layout, so the same run gives the same bytes
/// (nothing of the machine it ran on is in it: timings go to the console).
/// </summary>
public sealed record BacktestReport(
    string From,
    string To,
    long Bars,
    decimal InitialCapital,
    decimal FinalEquity,
    IReadOnlyList<ReportSeries> Data,
    IReadOnlyList<DataGap> Gaps,
    IReadOnlyList<ReportStrategy> Strategies,
    ReportFigures Total,
    IReadOnlyList<ReportTrade> Trades,
    IReadOnlyList<ReportPoint> Equity,
    IReadOnlyList<ReportPoint> Drawdown)
{
    /// <summary>Points kept per curve in the report (the figures are computed on every bar).</summary>
    public const int CurvePoints = 1500;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static BacktestReport Of(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var setup = result.Setup;
        var times = result.Equity.Select(p => p.Time).ToList();
        var strategies = setup.Strategies.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s =>
        {
            var trades = result.Trades.Where(t => t.Strategy == s.Name).ToList();
            var curve = BacktestStatistics.Realized(trades, s.Equity, times);
            return new ReportStrategy(
                s.Name, s.Market.ToString().ToLowerInvariant(), s.Symbol.Value, s.Equity, result.Refusals.GetValueOrDefault(s.Name),
                ReportFigures.Of(BacktestStatistics.Of(trades, curve, result.Start, result.End)));
        }).ToList();
        return new BacktestReport(
            Stamp(result.Start),
            Stamp(result.End),
            result.Bars,
            setup.InitialCapital,
            result.Equity.Count > 0 ? decimal.Round(result.Equity[^1].Equity, 8) : setup.InitialCapital,
            [.. setup.Series.Select(s => new ReportSeries(s.Name, $"{(long)s.Interval.TotalSeconds}s", s.Bars.Count, Stamp(s.Bars[0].OpenTime), Stamp(s.Bars[^1].EndTime), [.. s.Sources.Select(Path.GetFileName).OfType<string>()]))],
            [.. setup.Series.SelectMany(s => s.Gaps)],
            strategies,
            ReportFigures.Of(BacktestStatistics.Of(result.Trades, result.Equity, result.Start, result.End)),
            [.. result.Trades.Select(ReportTrade.Of)],
            Thin(result.Equity),
            Thin(BacktestStatistics.Underwater(result.Equity)));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    internal static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static List<ReportPoint> Thin(IReadOnlyList<EquityPoint> curve)
    {
        var every = Math.Max(1, (curve.Count + CurvePoints - 1) / CurvePoints);
        var points = new List<ReportPoint>();
        for (var i = 0; i < curve.Count; i++)
        {
            if (i % every == 0 || i == curve.Count - 1)
            {
                points.Add(new ReportPoint(Stamp(curve[i].Time), decimal.Round(curve[i].Equity, 4)));
            }
        }

        return points;
    }
}

public sealed record ReportSeries(string Series, string Interval, int Bars, string From, string To, IReadOnlyList<string> Files);

public sealed record ReportStrategy(string Name, string Market, string Symbol, decimal Equity, int EntriesRefused, ReportFigures Figures);

public sealed record ReportPoint(string Time, decimal Value);

public sealed record ReportFigures(
    int Trades,
    decimal NetPnl,
    decimal Fees,
    decimal WinRate,
    decimal? ProfitFactor,
    decimal Expectancy,
    decimal MaxDrawdown,
    decimal MaxDrawdownPercent,
    string MaxDrawdownDuration,
    double? Sharpe,
    double? Sortino,
    decimal ExposureTime)
{
    public static ReportFigures Of(BacktestStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ReportFigures(
            s.Trades, decimal.Round(s.NetPnl, 8), decimal.Round(s.Fees, 8), s.WinRate, s.ProfitFactor, s.Expectancy, s.MaxDrawdown, s.MaxDrawdownPercent,
            Duration(s.MaxDrawdownDuration), s.Sharpe, s.Sortino, s.Exposure);
    }

    internal static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes}m" : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m" : $"{span.Minutes}m {span.Seconds}s";
}

public sealed record ReportTrade(
    string Strategy, string Market, string Symbol, string Side, string EntryTime, string ExitTime,
    decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal Fees, decimal NetPnl, string Reason)
{
    public static ReportTrade Of(BacktestTrade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new ReportTrade(
            t.Strategy, t.Market.ToString().ToLowerInvariant(), t.Symbol.Value, t.Side, BacktestReport.Stamp(t.EntryTime), BacktestReport.Stamp(t.ExitTime),
            t.Quantity, decimal.Round(t.EntryPrice, 8), decimal.Round(t.ExitPrice, 8), decimal.Round(t.Fees, 8), decimal.Round(t.NetPnl, 8), t.Reason);
    }
}
