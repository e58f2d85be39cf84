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
}

public sealed record Measurement(string Name, double OpsPerSecond);
