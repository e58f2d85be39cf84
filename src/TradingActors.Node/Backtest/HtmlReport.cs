using System.Globalization;
using System.Net;
using System.Text;

namespace TradingActors.Node.Backtest;

/// <summary>The report as one self-contained HTML page: figures, the equity curve and the drawdown as inline SVG, the trades.</summary>
public static class HtmlReport
{
    public static string Render(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Backtest report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:24px;color:#1d2430;background:#fafbfc}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            table{border-collapse:collapse;font-size:13px;background:#fff}
            th,td{padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:right}
            th:first-child,td:first-child{text-align:left}
            .pos{color:#137333}.neg{color:#b3261e}.muted{color:#5f6b7a}
            svg{background:#fff;border:1px solid #e3e6ea}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>Backtest {Esc(report.From)} to {Esc(report.To)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{report.Bars:N0} bars; capital {report.InitialCapital:N2} USDT, final equity {report.FinalEquity:N2} USDT. Data: {Esc(string.Join("; ", report.Data.Select(d => $"{d.Series} {d.Interval} ({d.Bars:N0} bars)")))}.</p>");
        if (report.Gaps.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"neg\">{report.Gaps.Count} gap(s) in the data: {Esc(string.Join("; ", report.Gaps.Take(10).Select(g => $"{g.Series} {g.Missing} bar(s) from {BacktestReport.Stamp(g.From)}")))}</p>");
        }

        html.Append("<h2>Figures</h2><table><tr><th></th><th>trades</th><th>net PnL</th><th>fees</th><th>win rate</th><th>profit factor</th><th>expectancy</th><th>max drawdown</th><th>max DD %</th><th>max DD duration</th><th>Sharpe</th><th>Sortino</th><th>exposure</th><th>refused</th></tr>");
        foreach (var s in report.Strategies)
        {
            Row(html, $"{s.Name} <span class=\"muted\">{Esc(s.Symbol)} {Esc(s.Market)}</span>", s.Figures, s.EntriesRefused.ToString(CultureInfo.InvariantCulture));
        }

        Row(html, "<b>total</b>", report.Total, string.Empty);
        html.Append("</table>");
        html.Append("<h2>Equity (USDT)</h2>").Append(Svg(ChartGeometry.Of(report.Equity, 960, 300), "#1a73e8", fill: false));
        html.Append("<h2>Drawdown (USDT below the running peak)</h2>").Append(Svg(ChartGeometry.Of(report.Drawdown, 960, 200), "#b3261e", fill: true));
        html.Append("<h2>Trades</h2><table><tr><th>strategy</th><th>symbol</th><th>side</th><th>entry</th><th>exit</th><th>quantity</th><th>entry price</th><th>exit price</th><th>fees</th><th>net PnL</th><th>reason</th></tr>");
        foreach (var t in report.Trades)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Esc(t.Strategy)}</td><td>{Esc(t.Symbol)} {Esc(t.Market)}</td><td>{t.Side}</td><td>{t.EntryTime}</td><td>{t.ExitTime}</td><td>{t.Quantity}</td><td>{t.EntryPrice}</td><td>{t.ExitPrice}</td><td>{t.Fees:0.####}</td><td class=\"{Sign(t.NetPnl)}\">{t.NetPnl:0.####}</td><td>{Esc(t.Reason)}</td></tr>");
        }

        html.Append("</table></body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, ReportFigures f, string refused) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td>{name}</td><td>{f.Trades}</td><td class=\"{Sign(f.NetPnl)}\">{f.NetPnl:N2}</td><td>{f.Fees:N2}</td><td>{f.WinRate:P1}</td><td>{(f.ProfitFactor is { } pf ? pf.ToString("0.00", CultureInfo.InvariantCulture) : "-")}</td><td>{f.Expectancy:N2}</td><td>{f.MaxDrawdown:N2}</td><td>{f.MaxDrawdownPercent:P2}</td><td>{f.MaxDrawdownDuration}</td><td>{Ratio(f.Sharpe)}</td><td>{Ratio(f.Sortino)}</td><td>{f.ExposureTime:P1}</td><td>{refused}</td></tr>");

    private static string Svg(ChartGeometry g, string colour, bool fill)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{g.Width}\" height=\"{g.Height}\" viewBox=\"0 0 {g.Width} {g.Height}\">");
        if (g.Points.Count > 0)
        {
            var path = string.Join(' ', g.Points.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{p.X:0.#},{p.Y:0.#}")));
            var bottom = g.Height - ChartGeometry.Bottom;
            if (fill)
            {
                var zero = g.YOf(Math.Min(0m, g.Max));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{g.Points[0].X:0.#},{zero:0.#} {path[1..]} L{g.Points[^1].X:0.#},{zero:0.#} Z\" fill=\"{colour}\" fill-opacity=\"0.25\" stroke=\"none\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{ChartGeometry.Left}\" y1=\"{bottom}\" x2=\"{g.Width - ChartGeometry.Right}\" y2=\"{bottom}\" stroke=\"#c4c9d0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{ChartGeometry.Top + 4}\" font-size=\"11\" fill=\"#5f6b7a\">{g.Max:N2}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{bottom}\" font-size=\"11\" fill=\"#5f6b7a\">{g.Min:N2}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartGeometry.Left}\" y=\"{g.Height - 8}\" font-size=\"11\" fill=\"#5f6b7a\">{Esc(g.FirstLabel)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{g.Width - ChartGeometry.Right}\" y=\"{g.Height - 8}\" font-size=\"11\" fill=\"#5f6b7a\" text-anchor=\"end\">{Esc(g.LastLabel)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Sign(decimal value) => value > 0m ? "pos" : value < 0m ? "neg" : string.Empty;

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
