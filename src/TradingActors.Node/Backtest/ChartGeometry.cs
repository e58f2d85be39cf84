namespace TradingActors.Node.Backtest;

/// <summary>A curve scaled into a chart's plot area: the same points for the HTML page's SVG and the PNG files.</summary>
public sealed record ChartGeometry(int Width, int Height, IReadOnlyList<(double X, double Y)> Points, decimal Min, decimal Max, string FirstLabel, string LastLabel)
{
    public const int Left = 80;
    public const int Right = 20;
    public const int Top = 30;
    public const int Bottom = 30;

    public static ChartGeometry Of(IReadOnlyList<ReportPoint> curve, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0)
        {
            return new ChartGeometry(width, height, [], 0m, 0m, string.Empty, string.Empty);
        }

        var min = curve.Min(p => p.Value);
        var max = curve.Max(p => p.Value);
        if (max == min)
        {
            (min, max) = (min - 1m, max + 1m);
        }

        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        var points = curve.Select((p, i) => (
            X: Left + (curve.Count == 1 ? 0d : plotWidth * (double)i / (curve.Count - 1)),
            Y: Top + (plotHeight * (double)((max - p.Value) / (max - min))))).ToList();
        return new ChartGeometry(width, height, points, min, max, curve[0].Time, curve[^1].Time);
    }

    /// <summary>The y of <paramref name="value"/> in the plot area.</summary>
    public double YOf(decimal value) => Top + ((Height - Top - Bottom) * (double)((Max - value) / (Max - Min)));
}
