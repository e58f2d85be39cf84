using System.Diagnostics;
using System.Globalization;

namespace TradingActors.Node.Tests.Lifecycle;

/// <summary>
/// Ctrl+C stops the node with exit code 0 whatever it is doing: the paper node at --speed 10 as a separate process,
/// interrupted ten times at random moments (start-up, recovery, trading, a status table being rendered).
/// SHUTDOWN_SEED replays a run.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ShutdownTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ctrl_C_at_random_moments_always_stops_the_node_with_exit_code_0()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SHUTDOWN_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        var random = new Random(seed);
        var directory = Path.Combine(Path.GetTempPath(), "ta-shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            for (var run = 1; run <= 10; run++)
            {
                var moment = TimeSpan.FromMilliseconds(random.Next(0, 8_000));
                var (exitCode, output) = await InterruptAsync(directory, moment);
                Assert.True(exitCode == 0, $"seed {seed}, run {run}: Ctrl+C after {moment.TotalMilliseconds} ms gave exit code {exitCode}\n{output}");
                Assert.DoesNotContain("NullReferenceException", output, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Starts the node on <paramref name="directory"/> (the same journal every run) and sends SIGINT <paramref name="moment"/>
    /// after its first line (before it the .NET runtime has no Ctrl+C handler of ours to run).
    /// </summary>
    private static async Task<(int ExitCode, string Output)> InterruptAsync(string directory, TimeSpan moment)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "TradingActors.Node.dll");
        // Through perl, which gives the node the default Ctrl+C disposition: a process started in the background (as a
        // test runner may be) inherits SIGINT ignored, and .NET keeps an inherited ignore.
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "dotnet", node, "--speed", "10", "--port", "0", "--data-dir", directory, "--set", "trading-actors.node.status-interval=1s" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var first = await process.StandardOutput.ReadLineAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // The moment is the point of the test: Ctrl+C lands wherever the node happens to be.
        await Task.Delay(moment);
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StopWithin);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"did not stop within {StopWithin}\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{first}\n{await stdout}\n{await stderr}");
    }
}
