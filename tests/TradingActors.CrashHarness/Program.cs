using System.Globalization;
using System.Runtime.InteropServices;

namespace TradingActors.CrashHarness;

/// <summary>
/// <c>dotnet run --project tests/TradingActors.CrashHarness -- --kills 200 [--seed S] [--max-kill-delay-ms N] [--node X.dll] [--simulator Y.dll] [--keep] [--failover]</c>
/// (--failover: the two-node cluster on PostgreSQL, killing the oldest and the youngest node in turn):
/// a line per kill point, then a summary; exit code 0 without violations, 1 with, 2 for bad arguments.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? seed = null;
        string? node = null;
        string? simulator = null;
        var options = new HarnessOptions();
        var failover = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--kills" when TryInt(value, out var kills) && kills > 0:
                    options = options with { Kills = kills };
                    i++;
                    break;
                case "--seed" when TryInt(value, out var s):
                    seed = s;
                    i++;
                    break;
                case "--max-kill-delay-ms" when TryInt(value, out var ms) && ms >= 0:
                    options = options with { MaxKillDelay = TimeSpan.FromMilliseconds(ms) };
                    i++;
                    break;
                case "--node" when value is not null:
                    node = value;
                    i++;
                    break;
                case "--simulator" when value is not null:
                    simulator = value;
                    i++;
                    break;
                case "--keep":
                    options = options with { KeepWorkDirectory = true };
                    break;
                case "--failover":
                    failover = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'. Usage: --kills N [--seed S] [--max-kill-delay-ms N] [--node Node.dll] [--simulator Simulator.dll] [--keep] [--failover]");
                    return 2;
            }
        }

        try
        {
            options = options with { Seed = HarnessOptions.ResolveSeed(seed) };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();

        // Ctrl+C and SIGTERM stop the run where it is, and disposal kills the children and deletes the work directory.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        // --node/--simulator run copies, so a long run is not disturbed by builds replacing the files in bin/.
        var located = node is null || simulator is null ? Executables.Locate() : null;
        var executables = new Executables(node ?? located!.NodeDll, simulator ?? located!.SimulatorDll);
        if (failover)
        {
            await using var cluster = new FailoverRun(options.Seed, Console.WriteLine, options.KeepWorkDirectory, executables);
            var failed = await cluster.RunAsync(options.Kills, cancel.Token);
            Console.WriteLine(failed.Summary());
            return failed.Violations.Count == 0 ? 0 : 1;
        }

        await using var run = new CrashRun(options, Console.WriteLine, executables);
        HarnessReport report;
        try
        {
            report = await run.RunAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("stopped before the end: no summary");
            return 3;
        }

        Console.WriteLine(report.Summary());
        if (options.KeepWorkDirectory)
        {
            Console.WriteLine($"work directory kept: {run.WorkDirectory} (node.log, simulator.log, data/akka-journal.db)");
        }

        return report.Passed ? 0 : 1;
    }

    private static bool TryInt(string? text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
