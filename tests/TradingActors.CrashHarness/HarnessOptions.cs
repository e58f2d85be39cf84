using System.Globalization;

namespace TradingActors.CrashHarness;

/// <summary>What one harness run does: how many kill points, from which seed, and how long it waits for things.</summary>
public sealed record HarnessOptions
{
    public const string SeedVariable = "CRASH_SEED";

    public int Kills { get; init; } = 20;

    /// <summary>Drives every choice of the run (actions, quantities, kill delays), so a seed replays the same plan.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The kill lands between 0 and this long after the request is sent. A market entry takes about a second from
    /// the request to its armed stop, so this spans entry, stop placement, stop replacement and exit.
    /// </summary>
    public TimeSpan MaxKillDelay { get; init; } = TimeSpan.FromMilliseconds(1200);

    /// <summary>How long a restarted node may take to answer /ready with 200.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the node may take to leave every PendingEntry/PendingClosing state after a restart.</summary>
    /// <remarks>
    /// An order journaled but killed before it reached the exchange is resolved by queries backing off 1+2+4+8+16 s
    /// (trading-actors.router.unknown-query-*), so anything under about 35 s reports positions the node would still settle.
    /// </remarks>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The node counts as settled when nothing was pending for this long.</summary>
    public TimeSpan SettleQuiet { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of entries using maker-then-taker or TWAP instead of a market order (they take seconds, not ms).</summary>
    public double SlowPolicyShare { get; init; } = 0.2;

    /// <summary>Keeps the work directory (journal, logs) after the run instead of deleting it.</summary>
    public bool KeepWorkDirectory { get; init; }

    /// <summary>The explicit seed if given, else <see cref="SeedVariable"/>, else a random one.</summary>
    public static int ResolveSeed(int? explicitSeed)
    {
        if (explicitSeed is { } seed)
        {
            return seed;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return int.TryParse(fromEnvironment, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ArgumentException($"{SeedVariable}='{fromEnvironment}' is not a whole number.");
        }

        return Random.Shared.Next();
    }
}
