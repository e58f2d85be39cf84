using Akka.Configuration;

namespace TradingActors.Trading.Orders;

/// <summary>The order router's options (HOCON block <c>trading-actors.router</c>).</summary>
public sealed record RouterSettings
{
    /// <summary>Prefix of every client order id we create; tells our orders from foreign ones.</summary>
    public string ClientOrderIdPrefix { get; init; } = Domain.ClientOrderIds.DefaultPrefix;

    /// <summary>First delay between queries of an order whose outcome is unknown; it doubles each time.</summary>
    public TimeSpan UnknownQueryBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Queries of an unknown outcome before the intent is left to the reconciler.</summary>
    public int UnknownQueryAttempts { get; init; } = 5;

    /// <summary>How long a finished order waits for its trades from the stream before it fetches them.</summary>
    public TimeSpan TradeSettleTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Events of the router's own journal between snapshots of its live intents.</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>Reads the block <c>trading-actors.router</c> of the root configuration; absent keys keep their defaults.</summary>
    public static RouterSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = new ConfigValues(config, "trading-actors.router");
        var d = new RouterSettings();
        var prefix = c.String("client-order-id-prefix") ?? d.ClientOrderIdPrefix;
        try
        {
            Domain.ClientOrderIds.ValidatePrefix(prefix);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{c.Key("client-order-id-prefix")}: {e.Message}", e);
        }

        return d with
        {
            ClientOrderIdPrefix = prefix,
            UnknownQueryBackoff = c.Duration("unknown-query-backoff") ?? d.UnknownQueryBackoff,
            UnknownQueryAttempts = c.Int("unknown-query-attempts") ?? d.UnknownQueryAttempts,
            TradeSettleTimeout = c.Duration("trade-settle-timeout") ?? d.TradeSettleTimeout,
            SnapshotEvery = c.Int("snapshot-every") ?? d.SnapshotEvery,
        };
    }
}
