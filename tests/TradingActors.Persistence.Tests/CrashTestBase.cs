using System.Diagnostics;
using System.Globalization;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Sql;
using Xunit.Abstractions;

namespace TradingActors.Persistence.Tests;

/// <summary>
/// Kills a child process that persists in a loop with SIGKILL at random moments (seeded; the seed is
/// printed, and <c>CRASH_SEED</c> replays one) and checks after every kill that each acknowledged event
/// is stored, numbering is contiguous and nothing is duplicated.
/// </summary>
public abstract class CrashTestBase(ITestOutputHelper output)
{
    private const int Rounds = 10;
    private const int Actors = 4;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The child writes <c>crash.counted.v1</c>; reading it through another class name is fine.</summary>
    private static EventSerializer Serializer => new EventSerializer().Register<CountedByChild>("crash.counted.v1");

    protected async Task KillRepeatedlyAndVerifyAsync(string[] childArguments, Func<EventSerializer, SqlJournal> openJournal)
    {
        var seed = Environment.GetEnvironmentVariable("CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"crash test seed: {seed} (rerun with CRASH_SEED={seed})");
        var random = new Random(seed);
        var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var journal = openJournal(Serializer);

        for (var round = 0; round < Rounds; round++)
        {
            var run = await RunChildUntilKilledAsync(childArguments, TimeSpan.FromMilliseconds(random.Next(30, 300)));

            foreach (var (persistenceId, recovered) in run.Recovered)
            {
                Assert.True(
                    recovered >= acknowledged.GetValueOrDefault(persistenceId),
                    $"round {round}: {persistenceId} recovered to {recovered} but {acknowledged.GetValueOrDefault(persistenceId)} was acknowledged");
            }

            foreach (var (persistenceId, highest) in run.HighestAcknowledged)
            {
                acknowledged[persistenceId] = Math.Max(highest, acknowledged.GetValueOrDefault(persistenceId));
            }

            foreach (var (persistenceId, highest) in acknowledged)
            {
                var stored = new List<long>();
                await foreach (var e in journal.ReplayAsync(persistenceId, 1, long.MaxValue, long.MaxValue))
                {
                    Assert.Equal(e.SequenceNr, ((CountedByChild)e.Payload).Value);
                    stored.Add(e.SequenceNr);
                }

                Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
                Assert.True(stored.Count >= highest, $"round {round}: {persistenceId} acknowledged {highest} but stored {stored.Count}");
            }

            output.WriteLine($"round {round}: acknowledged {string.Join(", ", acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}");
        }

        Assert.All(Enumerable.Range(0, Actors), i => Assert.True(acknowledged.GetValueOrDefault($"crash-{i}") > 0));
    }

    protected static string ActorCount => Actors.ToString(CultureInfo.InvariantCulture);

    private static async Task<ChildRun> RunChildUntilKilledAsync(string[] childArguments, TimeSpan runFor)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ChildPath());
        foreach (var argument in childArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var run = new ChildRun();
        var errors = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => run.Parse(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await run.FirstAcknowledgement.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            lock (errors)
            {
                throw new InvalidOperationException($"The crash child acknowledged nothing within {StartTimeout}: {errors}");
            }
        }

        // The kill moment is the point of the test, not a wait for a condition.
        await Task.Delay(runFor);
        process.Kill();
        await process.WaitForExitAsync();
        return run;
    }

    private static string ChildPath()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var projects = configuration.Parent!.Parent!.Parent!;
        var path = Path.Combine(projects.FullName, "TradingActors.Persistence.CrashChild", "bin", configuration.Name, tfm.Name, "TradingActors.Persistence.CrashChild.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The crash child is not built at {path}.");
    }

    public sealed record CountedByChild(long Value);

    private sealed class ChildRun
    {
        private readonly Lock _lock = new();

        public Dictionary<string, long> HighestAcknowledged { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Recovered { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource FirstAcknowledgement { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Parse(string? line)
        {
            var parts = line?.Split(' ');
            if (parts is not { Length: 3 })
            {
                return;
            }

            var value = long.Parse(parts[2], CultureInfo.InvariantCulture);
            lock (_lock)
            {
                if (parts[0] == "ack")
                {
                    HighestAcknowledged[parts[1]] = Math.Max(value, HighestAcknowledged.GetValueOrDefault(parts[1]));
                    FirstAcknowledgement.TrySetResult();
                }
                else if (parts[0] == "recovered")
                {
                    Recovered[parts[1]] = value;
                }
            }
        }
    }
}
