using System.Globalization;
using Serilog.Extensions.Logging;
using Spectre.Console;
using TradingActors.Node.Config;

namespace TradingActors.Node.Backtest;

/// <summary>
/// <c>--mode backtest</c>: checks the input, runs the node over it in virtual time (a progress bar on a terminal),
/// writes report.json, report.html, equity.png and drawdown.png, and prints the summary. Exit codes: 0 after a run,
/// 2 for bad configuration or data (the message names the file, line and column, or the strategy), 1 otherwise.
/// </summary>
public static class BacktestCommand
{
    public static async Task<int> RunAsync(CommandLineOptions commandLine, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        BacktestSetup setup;
        try
        {
            setup = BacktestSetup.Prepare(commandLine);
        }
        catch (NodeConfigurationException e)
        {
            await error.WriteLineAsync($"Configuration error: {e.Message}");
            return NodeHost.ExitConfigurationError;
        }
        catch (BacktestDataException e)
        {
            await error.WriteLineAsync($"Data error: {e.Message}");
            return NodeHost.ExitConfigurationError;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!console.Profile.Capabilities.Interactive)
        {
            // A log or a pipe has no width: the summary keeps its columns whole.
            console.Profile.Width = 200;
        }

        foreach (var gap in setup.Series.SelectMany(s => s.Gaps))
        {
            await output.WriteLineAsync($"Data gap: {gap.Series} misses {gap.Missing} bar(s) from {BacktestReport.Stamp(gap.From)} to {BacktestReport.Stamp(gap.To)} (not bridged: no price moves in it).");
        }

        var journal = setup.Options.KeepJournal ? null : ThrowAwayDirectory();
        var settings = setup.Settings with
        {
            DataDirectory = journal?.FullName ?? setup.Settings.DataDirectory,
            ConsoleLogLevel = "error",
        };
        setup = setup with { Settings = settings };
        Directory.CreateDirectory(settings.DataDirectory);
        await using var serilog = NodeLogging.Create(settings);
        Serilog.Log.Logger = serilog;
        using var loggerFactory = new SerilogLoggerFactory(serilog);
        BacktestResult result;
        try
        {
            result = await RunWithProgressAsync(console, setup, loggerFactory, ct);
        }
        finally
        {
            await serilog.DisposeAsync();
            journal?.Delete(recursive: true);
        }

        var report = BacktestReport.Of(result);
        var directory = Path.GetFullPath(setup.Options.ReportDirectory);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), report.ToJson(), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), HtmlReport.Render(report), ct);
        PngCharts.Write(report, directory);
        Summary(console, report, result);
        await output.WriteLineAsync($"Report: {Path.Combine(directory, "report.html")} (and report.json, equity.png, drawdown.png)");
        return NodeHost.ExitOk;
    }

    /// <summary>A directory for the run's journal, in memory where the machine has a RAM file system (/dev/shm): no write waits for a disk.</summary>
    private static DirectoryInfo ThrowAwayDirectory()
    {
        const string shm = "/dev/shm";
        return Directory.Exists(shm)
            ? Directory.CreateDirectory(Path.Combine(shm, "ta-backtest-" + Guid.NewGuid().ToString("N")[..12]))
            : Directory.CreateTempSubdirectory("ta-backtest-");
    }

    private static async Task<BacktestResult> RunWithProgressAsync(IAnsiConsole console, BacktestSetup setup, Serilog.Extensions.Logging.SerilogLoggerFactory loggerFactory, CancellationToken ct)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            BacktestResult? result = null;
            await console.Progress().AutoRefresh(true).StartAsync(async context =>
            {
                var task = context.AddTask("Backtest", maxValue: 1d);
                result = await new BacktestDriver(setup, loggerFactory, done => task.Value = done).RunAsync(ct);
                task.Value = 1d;
            });
            return result!;
        }

        var reported = 0;
        return await new BacktestDriver(setup, loggerFactory, done =>
        {
            var tenth = (int)(done * 10);
            if (tenth > reported)
            {
                reported = tenth;
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backtest {done:P0}"));
            }
        }).RunAsync(ct);
    }

    private static void Summary(IAnsiConsole console, BacktestReport report, BacktestResult result)
    {
        var table = new Table().Title($"Backtest {report.From} to {report.To}: {report.Bars:N0} bars").Border(TableBorder.Rounded);
        foreach (var column in new[] { "strategy", "trades", "net PnL", "fees", "win rate", "profit factor", "expectancy", "max DD", "max DD %", "DD duration", "Sharpe", "Sortino", "exposure", "refused" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var s in report.Strategies)
        {
            table.AddRow(Cells($"{s.Name} ({s.Symbol} {s.Market})", s.Figures, s.EntriesRefused.ToString(CultureInfo.InvariantCulture)));
        }

        table.AddRow(Cells("total", report.Total, string.Empty));
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Capital {report.InitialCapital:N2} -> equity {report.FinalEquity:N2} USDT. Node started in {result.StartupTime.TotalSeconds:0.0} s; {result.MarketEvents:N0} market events through the actors in {result.WallTime.TotalSeconds:0.0} s ({result.EventsPerSecond:N0} events/s)."));
    }

    private static string[] Cells(string name, ReportFigures f, string refused) =>
    [
        Markup.Escape(name),
        f.Trades.ToString(CultureInfo.InvariantCulture),
        f.NetPnl.ToString("N2", CultureInfo.InvariantCulture),
        f.Fees.ToString("N2", CultureInfo.InvariantCulture),
        f.WinRate.ToString("P1", CultureInfo.InvariantCulture),
        f.ProfitFactor?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
        f.Expectancy.ToString("N2", CultureInfo.InvariantCulture),
        f.MaxDrawdown.ToString("N2", CultureInfo.InvariantCulture),
        f.MaxDrawdownPercent.ToString("P2", CultureInfo.InvariantCulture),
        f.MaxDrawdownDuration,
        f.Sharpe?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
        f.Sortino?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
        f.ExposureTime.ToString("P1", CultureInfo.InvariantCulture),
        refused,
    ];
}
