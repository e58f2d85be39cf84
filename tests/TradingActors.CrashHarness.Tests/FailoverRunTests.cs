using TradingActors.CrashHarness;
using Xunit.Abstractions;

namespace TradingActors.CrashHarness.Tests;

/// <summary>
/// The two-node cluster on PostgreSQL (invariant 8): nodes SIGKILLed in turn, or frozen past their lease, lose no
/// position, duplicate no order and leave no futures position without its exchange stop; the survivor answers for
/// the dead node's positions.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ChildProcesses.Name)]
public sealed class FailoverRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_kills_of_the_oldest_and_youngest_node_in_turn_lose_nothing_and_the_survivor_answers()
    {
        var seed = HarnessOptions.ResolveSeed(null);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        FailoverReport report;
        await using (var run = new FailoverRun(seed, output.WriteLine))
        {
            report = await run.RunAsync(kills: 5, budget.Token);
        }

        output.WriteLine(report.Summary());
        Assert.True(report.Violations.Count == 0, report.Summary());
        Assert.True(report.AnswerTimes.All(t => t < TimeSpan.FromSeconds(60)), report.Summary());
        Assert.True(report.ShardsTakenBack > 0, report.Summary());
    }

    [Fact]
    public async Task A_node_frozen_past_its_lease_sends_nothing_when_it_wakes_and_leaves_the_cluster()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        FreezeReport report;
        await using (var run = new FailoverRun(HarnessOptions.ResolveSeed(null), output.WriteLine))
        {
            report = await run.FreezeAsync(budget.Token);
        }

        output.WriteLine($"after the wake-up the exchange saw: {string.Join("; ", report.LedgerAfterWake)}");
        Assert.Empty(report.Violations);
        Assert.DoesNotContain(report.LedgerAfterWake, r => r.Action is "NEW" or "CANCEL" or "AMEND");
        Assert.True(report.WokenNodeExited, "the woken node must leave the cluster or down itself");
        Assert.Contains("no journal writes and no orders until its membership is confirmed", report.WokenNodeLog, StringComparison.Ordinal);
    }
}
