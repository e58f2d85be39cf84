namespace TradingActors.Simulator.Engine;

/// <summary>How the matching engine prices, fills and charges. Defaults mirror the reference config (hocon/simulator.conf).</summary>
public sealed record EngineOptions
{
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT", "ETHUSDT"];

    /// <summary>Start prices; symbols not listed start at 100.</summary>
    public IReadOnlyDictionary<string, decimal> StartPrices { get; init; } = new Dictionary<string, decimal>
    {
        ["BTCUSDT"] = 65000m,
        ["ETHUSDT"] = 3500m,
        ["BNBUSDT"] = 600m,
        ["SOLUSDT"] = 150m,
    };

    /// <summary>Spot balances at start (free), per asset.</summary>
    public IReadOnlyDictionary<string, decimal> SpotBalances { get; init; } = new Dictionary<string, decimal>
    {
        ["USDT"] = 100_000m,
        ["BTC"] = 1m,
        ["ETH"] = 10m,
    };

    /// <summary>Futures USDT wallet balance at start.</summary>
    public decimal FuturesWalletBalance { get; init; } = 100_000m;

    public int DefaultLeverage { get; init; } = 20;

    public int MaxLeverage { get; init; } = 125;

    public decimal SpotMakerFee { get; init; } = 0.001m;

    public decimal SpotTakerFee { get; init; } = 0.001m;

    /// <summary>
    /// Spot commissions are paid in BNB while the account holds enough of it (Binance's "use BNB to pay for fees",
    /// switched with <c>POST /sapi/v1/bnbBurn</c>); valued at the BNB price of the quote asset (the BNB/quote
    /// symbol must be served) and reduced to <see cref="SpotBnbFeeFactor"/> of the standard commission.
    /// </summary>
    public bool SpotBnbBurn { get; init; }

    /// <summary>Share of the standard commission paid when paying in BNB (Binance's spot discount of 25 %: 0.75).</summary>
    public decimal SpotBnbFeeFactor { get; init; } = 0.75m;

    public decimal FuturesMakerFee { get; init; } = 0.0002m;

    public decimal FuturesTakerFee { get; init; } = 0.0005m;

    /// <summary>Maintenance margin rate used for the liquidation price estimate (no liquidation engine runs).</summary>
    public decimal MaintenanceMarginRate { get; init; } = 0.004m;

    /// <summary>Bid/ask spread around the price, in basis points.</summary>
    public decimal SpreadBps { get; init; } = 1m;

    /// <summary>Distance between synthetic depth levels, in basis points of the price.</summary>
    public decimal DepthLevelStepBps { get; init; } = 1m;

    /// <summary>Quote notional available on each synthetic depth level; larger orders walk further and slip more.</summary>
    public decimal DepthLevelNotional { get; init; } = 100_000m;

    public int DepthLevels { get; init; } = 50;

    /// <summary>
    /// Futures PERCENT_PRICE filter: limit prices must stay within mark * (1 +- this). Binance uses 0.05 on the majors;
    /// the default is wider so tests can place far-off post-only and resting orders after a price jump.
    /// </summary>
    public decimal PercentPriceBand { get; init; } = 0.15m;

    /// <summary>Time between two steps of the price path.</summary>
    public TimeSpan PriceStep { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The price path; null means a seeded random walk with default parameters.</summary>
    public IPricePath? PricePath { get; init; }

    public long Seed { get; init; } = 42;

    /// <summary>Minutes of synthetic one-minute candles before the start, so REST klines can warm up indicators.</summary>
    public int KlineHistoryMinutes { get; init; } = 1000;

    /// <summary>Funding rate every futures symbol reports (premiumIndex) and settles at.</summary>
    public decimal FundingRate { get; init; } = 0.0001m;

    /// <summary>Time between funding settlements, counted from the Unix epoch like Binance's 00:00/08:00/16:00 UTC.</summary>
    public TimeSpan FundingInterval { get; init; } = TimeSpan.FromHours(8);
}
