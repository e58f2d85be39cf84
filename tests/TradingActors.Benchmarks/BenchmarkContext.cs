using System.Diagnostics;
using System.Globalization;

namespace TradingActors.Benchmarks;

/// <summary>Runs measurements and prints them as Markdown rows: figure, baseline, ratio.</summary>
public sealed class BenchmarkContext(bool quick, TextWriter output)
{
    /// <summary>Quick mode runs fewer iterations (a smoke run); figures are noisier.</summary>
    public bool Quick { get; } = quick;

    public int Iterations => Quick ? 2 : 5;

    /// <summary>
    /// Runs <paramref name="run"/> once to warm up, then <see cref="Iterations"/> times, and returns the
    /// median rate. <paramref name="run"/> performs <paramref name="operations"/> operations per call.
    /// </summary>
    public async Task<Measurement> MeasureAsync(string name, long operations, Func<Task> run)
    {
        await run();
        var rates = new List<double>();
        for (var i = 0; i < Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            watch.Stop();
            rates.Add(operations / watch.Elapsed.TotalSeconds);
        }

        rates.Sort();
        return new Measurement(name, rates[rates.Count / 2]);
    }

    public void Header(string title)
    {
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        output.WriteLine("| measurement | ops/s | baseline | baseline ops/s | ratio | target |");
        output.WriteLine("|---|---:|---|---:|---:|---|");
    }

    public void Report(Measurement figure, Measurement baseline, string target = "")
    {
        var ratio = figure.OpsPerSecond / baseline.OpsPerSecond;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {figure.Name} | {figure.OpsPerSecond:N0} | {baseline.Name} | {baseline.OpsPerSecond:N0} | {ratio:0.00}x | {target} |"));
        output.Flush();
    }

    public void LatencyHeader(string title)
    {
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        output.WriteLine("| path | samples | p50 ms | p99 ms | p999 ms | max ms | baseline | baseline p50 / p99 ms | p50 ratio | p99 ratio | target |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
    }

    /// <summary>A latency row; ratios are figure / baseline (how many times slower).</summary>
    public void ReportLatency(LatencyFigures figure, LatencyFigures baseline, string target = "")
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(baseline);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {figure.Name} | {figure.Count:N0} | {figure.P50:0.000} | {figure.P99:0.000} | {figure.P999:0.000} | {figure.Max:0.0} | {baseline.Name} | {baseline.P50:0.000} / {baseline.P99:0.000} | {figure.P50 / baseline.P50:0.0}x | {figure.P99 / baseline.P99:0.0}x | {target} |"));
        output.Flush();
    }

    /// <summary>A line of text under the tables (a breakdown, a count).</summary>
    public void Note(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }
}

public sealed record Measurement(string Name, double OpsPerSecond);
