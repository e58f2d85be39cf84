using System.Globalization;

namespace TradingActors.Benchmarks;

/// <summary>Percentiles of a latency sample, in milliseconds.</summary>
public sealed record LatencyFigures(string Name, int Count, double P50, double P99, double P999, double Max)
{
    public static LatencyFigures Of(string name, double[] milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        var sorted = milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return new LatencyFigures(name, sorted.Length, At(0.50), At(0.99), At(0.999), sorted[^1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.000} ms, p99 {P99:0.000} ms, p999 {P999:0.000} ms, max {Max:0.0} ms");
}
