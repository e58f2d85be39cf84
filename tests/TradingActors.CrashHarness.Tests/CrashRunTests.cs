using TradingActors.CrashHarness;
using Xunit.Abstractions;

namespace TradingActors.CrashHarness.Tests;

/// <summary>
/// Invariant 4 end to end: a paper node SIGKILLed at 20 random points (seed printed; CRASH_SEED replays the plan)
/// loses no position, duplicates no order and leaves no futures position unprotected.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ChildProcesses.Name)]
public sealed class CrashRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_node_killed_at_twenty_random_points_breaks_no_invariant()
    {
        var options = new HarnessOptions { Kills = 20, Seed = HarnessOptions.ResolveSeed(null) };
        output.WriteLine($"seed {options.Seed} (replay: CRASH_SEED={options.Seed})");
        using var budget = new CancellationTokenSource(Budget);
        HarnessReport report;

        // Disposal kills the node and the simulator and deletes the work directory, whatever happened.
        await using (var run = new CrashRun(options, output.WriteLine))
        {
            report = await run.RunAsync(budget.Token);
        }

        output.WriteLine(report.Summary());
        Assert.True(report.Passed, report.Summary());
    }
}
