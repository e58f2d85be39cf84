using SkiaSharp;

namespace TradingActors.Node.Backtest;

/// <summary>The equity and drawdown charts as PNG files (SkiaSharp), for places an HTML page cannot go (a README, a chat).</summary>
public static class PngCharts
{
    public static void Write(BacktestReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Draw(ChartGeometry.Of(report.Equity, 960, 300), "Equity (USDT)", new SKColor(0x1a, 0x73, 0xe8), fill: false, Path.Combine(directory, "equity.png"));
        Draw(ChartGeometry.Of(report.Drawdown, 960, 200), "Drawdown (USDT below the running peak)", new SKColor(0xb3, 0x26, 0x1e), fill: true, Path.Combine(directory, "drawdown.png"));
    }

    private static void Draw(ChartGeometry g, string title, SKColor colour, bool fill, string file)
    {
        using var surface = SKSurface.Create(new SKImageInfo(g.Width, g.Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 12);
        using var text = new SKPaint { Color = new SKColor(0x5f, 0x6b, 0x7a), IsAntialias = true };
        canvas.DrawText(title, ChartGeometry.Left, 18, SKTextAlign.Left, font, text);
        if (g.Points.Count > 0)
        {
            var bottom = g.Height - ChartGeometry.Bottom;
            using var axis = new SKPaint { Color = new SKColor(0xc4, 0xc9, 0xd0), StrokeWidth = 1 };
            canvas.DrawLine(ChartGeometry.Left, bottom, g.Width - ChartGeometry.Right, bottom, axis);
            using var path = new SKPath();
            path.MoveTo((float)g.Points[0].X, (float)g.Points[0].Y);
            foreach (var (x, y) in g.Points.Skip(1))
            {
                path.LineTo((float)x, (float)y);
            }

            if (fill)
            {
                var zero = (float)g.YOf(Math.Min(0m, g.Max));
                using var area = new SKPath(path);
                area.LineTo((float)g.Points[^1].X, zero);
                area.LineTo((float)g.Points[0].X, zero);
                area.Close();
                using var shade = new SKPaint { Color = colour.WithAlpha(64), Style = SKPaintStyle.Fill, IsAntialias = true };
                canvas.DrawPath(area, shade);
            }

            using var line = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true };
            canvas.DrawPath(path, line);
            canvas.DrawText(g.Max.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), 4, ChartGeometry.Top + 4, SKTextAlign.Left, font, text);
            canvas.DrawText(g.Min.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), 4, bottom, SKTextAlign.Left, font, text);
            canvas.DrawText(g.FirstLabel, ChartGeometry.Left, g.Height - 8, SKTextAlign.Left, font, text);
            canvas.DrawText(g.LastLabel, g.Width - ChartGeometry.Right, g.Height - 8, SKTextAlign.Right, font, text);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var stream = File.Create(file);
        data.SaveTo(stream);
    }
}
