using System.Reflection;
using TradingActors.Benchmarks;

// Usage: dotnet run -c Release --project tests/TradingActors.Benchmarks -- [--quick] [akka|journal|intents|latency|recovery|memory|simulator ...]
// With no suite names every suite runs.
var quick = args.Contains("--quick");
var wanted = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var suites = typeof(Program).Assembly.GetTypes()
    .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var unknown = wanted.Except(suites.Select(s => s.Name), StringComparer.OrdinalIgnoreCase).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown suite(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

Console.WriteLine($"# TradingActors benchmarks ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}{(quick ? ", quick" : "")})");
var context = new BenchmarkContext(quick, Console.Out);
foreach (var suite in suites.Where(s => wanted.Count == 0 || wanted.Contains(s.Name)))
{
    await suite.RunAsync(context);
}

return 0;
