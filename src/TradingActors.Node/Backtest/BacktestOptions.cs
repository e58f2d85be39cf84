using System.Globalization;
using TradingActors.Node.Config;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Backtest;

/// <summary>The backtest's options (block <c>trading-actors.backtest</c>, see hocon/backtest.conf).</summary>
public sealed record BacktestOptions
{
    public const string Block = "trading-actors.backtest";

    /// <summary>A kline CSV file or a folder of them; null runs over the simulator's seeded price path.</summary>
    public string? Data { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Length of the seeded path when no data and no <see cref="To"/> are given.</summary>
    public TimeSpan SeededDuration { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Where the seeded path starts when no <see cref="From"/> is given.</summary>
    public DateTimeOffset SeededStart { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public string ReportDirectory { get; init; } = "backtest-report";

    /// <summary>Keep the journal in the data directory instead of a throw-away one.</summary>
    public bool KeepJournal { get; init; }

    /// <summary>Prices each bar is replayed as (open, the extreme nearer the open, the other extreme, close).</summary>
    public int StepsPerBar { get; init; } = 4;

    public static BacktestOptions Read(AkkaConfig configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = new ConfigValues(configuration, Block);
        var d = new BacktestOptions();
        var steps = c.Int("steps-per-bar") ?? d.StepsPerBar;
        if (steps is not (2 or 4))
        {
            throw new NodeConfigurationException($"{Block}.steps-per-bar", "expected 2 (open, close) or 4 (open, high/low, low/high, close).");
        }

        return new BacktestOptions
        {
            Data = NonEmpty(c.String("data")),
            From = Date(c, "from"),
            To = Date(c, "to"),
            SeededDuration = c.Duration("seeded-duration") ?? d.SeededDuration,
            SeededStart = Date(c, "seeded-start") ?? d.SeededStart,
            ReportDirectory = NonEmpty(c.String("report-dir")) ?? d.ReportDirectory,
            KeepJournal = c.Bool("keep-journal") ?? d.KeepJournal,
            StepsPerBar = steps,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTimeOffset? Date(ConfigValues c, string key)
    {
        var text = NonEmpty(c.String(key));
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new NodeConfigurationException($"{Block}.{key}", $"'{text}' is not a date (e.g. 2024-01-31 or 2024-01-31T12:00:00Z).");
    }
}
