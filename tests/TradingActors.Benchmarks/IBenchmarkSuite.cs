namespace TradingActors.Benchmarks;

/// <summary>A group of measurements, each reported beside a baseline measured in the same run.</summary>
public interface IBenchmarkSuite
{
    /// <summary>Name used on the command line (e.g. <c>actors</c>).</summary>
    string Name { get; }

    Task RunAsync(BenchmarkContext context);
}
