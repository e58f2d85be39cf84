using System.Diagnostics;

namespace TradingActors.Node.Tests.Backtest;

/// <summary>
/// Runs <c>TradingActors.Node --mode backtest</c> as a user does, in a process of its own: a run knows its actors are
/// done when its thread pool is idle, which a test runner's pool (holding threads of its own) never is.
/// </summary>
internal static class BacktestProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TradingActors.Node.dll"));
        info.ArgumentList.Add("--mode");
        info.ArgumentList.Add("backtest");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The backtest did not finish within {Limit}: {await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
