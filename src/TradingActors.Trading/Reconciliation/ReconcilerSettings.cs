using Akka.Configuration;

namespace TradingActors.Trading.Reconciliation;

/// <summary>The reconciler's options (HOCON block <c>trading-actors.reconciler</c>, see hocon/trading.conf).</summary>
public sealed record ReconcilerSettings
{
    /// <summary>Between periodic runs; zero turns them off (runs at start, after stream gaps and on demand remain).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>After start, so positions and intents have recovered from their journals first.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After a stream gap, so the queries the intents make on their own go first.</summary>
    public TimeSpan AfterGapDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>What to do with an exchange position no position of ours opened.</summary>
    public ForeignPositionAction ForeignPositions { get; init; } = ForeignPositionAction.Close;

    /// <summary>
    /// What to do with an open position the exchange holds nothing of and whose exit trades cannot be found: alert
    /// and wait (the exchange may lag), or close it locally. Only an exchange that forgets everything (the paper
    /// node's in-process simulator, fresh at every start) warrants closing.
    /// </summary>
    public VanishedPositionAction VanishedPositions { get; init; } = VanishedPositionAction.Alert;

    /// <summary>Stop distance (a fraction of the entry price) given to an adopted position.</summary>
    public decimal AdoptStopDistance { get; init; } = 0.02m;

    /// <summary>Attempts at each exchange read before the market is left alone for this run.</summary>
    public int ReadAttempts { get; init; } = 3;

    /// <summary>First delay between read attempts; it doubles.</summary>
    public TimeSpan ReadBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the block <c>trading-actors.reconciler</c> of the root configuration; absent keys keep their defaults.</summary>
    public static ReconcilerSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigValues(config, "trading-actors.reconciler");
        var d = new ReconcilerSettings();
        var settings = d with
        {
            ForeignPositions = c.Choice(
                "foreign-positions", d.ForeignPositions, ("close", ForeignPositionAction.Close), ("adopt", ForeignPositionAction.Adopt)),
            VanishedPositions = c.Choice(
                "vanished-positions", d.VanishedPositions, ("alert", VanishedPositionAction.Alert), ("close", VanishedPositionAction.Close)),
            Interval = c.Duration("interval") ?? d.Interval,
            StartupDelay = c.Duration("startup-delay") ?? d.StartupDelay,
            AfterGapDelay = c.Duration("after-gap-delay") ?? d.AfterGapDelay,
            AdoptStopDistance = c.Decimal("adopt-stop-distance") ?? d.AdoptStopDistance,
            ReadAttempts = c.Int("read-attempts") ?? d.ReadAttempts,
            ReadBackoff = c.Duration("read-backoff") ?? d.ReadBackoff,
        };
        if (settings.AdoptStopDistance is <= 0m or >= 1m)
        {
            throw new FormatException($"{c.Key("adopt-stop-distance")}: must be between 0 and 1 (a fraction of the price).");
        }

        return settings.ReadAttempts < 1 ? throw new FormatException($"{c.Key("read-attempts")}: must be at least 1.") : settings;
    }
}

public enum VanishedPositionAction
{
    /// <summary>Raise a critical alert and leave the position open until its trades show.</summary>
    Alert,

    /// <summary>Close it locally (RECONCILED) with no PnL from trades, with a warning.</summary>
    Close,
}

public enum ForeignPositionAction
{
    /// <summary>Close it at market (reduce-only): the conservative default.</summary>
    Close,

    /// <summary>Take it over as a position of ours, with a stop.</summary>
    Adopt,
}
