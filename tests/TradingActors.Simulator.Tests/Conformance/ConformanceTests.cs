using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TradingActors.Simulator.Tests.Conformance;

/// <summary>
/// Runs tests/conformance (Binance's official JavaScript connectors, unchanged but for their URLs) against an
/// in-process simulator. Missing Node.js or packages fail the test: a skipped conformance check proves nothing.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class ConformanceTests
{
    private static TimeSpan InstallTimeout => TimeSpan.FromMinutes(5);
    private static TimeSpan SuiteTimeout => TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Official_binance_connectors_pass_the_conformance_suite_against_the_simulator()
    {
        var suiteDirectory = Path.Combine(FindRepositoryRoot(), "tests", "conformance");
        await EnsureNodeAsync(suiteDirectory);
        await EnsurePackagesAsync(suiteDirectory);
        var options = new SimulatorOptions();
        await using var simulator = await SimulatorServer.StartAsync(options);
        var environment = new Dictionary<string, string>
        {
            ["SIM_BASE_URL"] = simulator.BaseAddress.ToString().TrimEnd('/'),
            ["SIM_API_KEY"] = options.ApiKey,
            ["SIM_API_SECRET"] = options.ApiSecret,
            ["NO_COLOR"] = "1",
        };

        var result = await RunAsync("node", ["--test", "--test-concurrency=1", "--test-reporter=spec"], suiteDirectory, environment,
            SuiteTimeout);

        Assert.True(result.ExitCode == 0,
            $"The conformance suite failed (node exit code {result.ExitCode}) against {simulator.BaseAddress}:\n{result.Output}");
    }

    private static async Task EnsureNodeAsync(string suiteDirectory)
    {
        var result = await RunAsync("node", ["--version"], suiteDirectory, [], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"'node --version' failed: {result.Output}");
        var version = result.Output.Trim().TrimStart('v').Split('.')[0];
        Assert.True(int.TryParse(version, out var major) && major >= 20,
            $"The conformance suite needs Node.js 20 or later on PATH; found {result.Output.Trim()}");
    }

    /// <summary>Runs <c>npm ci</c> when node_modules is missing or older than package-lock.json.</summary>
    private static async Task EnsurePackagesAsync(string suiteDirectory)
    {
        var lockFile = Path.Combine(suiteDirectory, "package-lock.json");
        var installedLock = Path.Combine(suiteDirectory, "node_modules", ".package-lock.json");
        if (File.Exists(installedLock) && File.GetLastWriteTimeUtc(installedLock) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], suiteDirectory, [], InstallTimeout);
        Assert.True(result.ExitCode == 0,
            $"'npm ci' in {suiteDirectory} failed (exit code {result.ExitCode}); the connector packages are missing:\n{result.Output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments,
        string workingDirectory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Could not start '{program}' ({e.Message}): the conformance suite needs Node.js 20+ and npm on PATH.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout}:\n{Snapshot(output)}");
        }

        // The exit event can precede the last redirected lines; this overload waits for them.
        await process.WaitForExitAsync();
        return (process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TradingActors.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TradingActors.sln above {AppContext.BaseDirectory}");
    }
}
