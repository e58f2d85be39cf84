using System.Globalization;
using Microsoft.Extensions.Configuration;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator;

/// <summary>
/// Reads <see cref="SimulatorOptions"/> from a configuration section shaped like the reference block
/// <c>trading-actors.simulator</c> (hocon/simulator.conf); missing keys keep their defaults, malformed ones are errors.
/// </summary>
public static class SimulatorConfiguration
{
    public static SimulatorOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new SimulatorOptions();
        var engine = section.GetSection("engine");
        var engineDefaults = defaults.Engine;
        var symbols = section.GetSection("symbols").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return defaults with
        {
            Port = Int(section, "port") ?? defaults.Port,
            ApiKey = section["api-key"] ?? defaults.ApiKey,
            ApiSecret = section["api-secret"] ?? defaults.ApiSecret,
            Symbols = symbols.Count > 0 ? symbols : defaults.Symbols,
            Seed = (long?)Dec(section, "seed") ?? defaults.Seed,
            VirtualTime = Bool(section, "virtual-time") ?? defaults.VirtualTime,
            CheckTimestamps = Bool(section, "check-timestamps") ?? defaults.CheckTimestamps,
            WebSocketPingInterval = Duration(section, "websocket-ping-interval") ?? defaults.WebSocketPingInterval,
            FuturesWebSocketPingInterval = Duration(section, "futures-websocket-ping-interval") ?? defaults.FuturesWebSocketPingInterval,
            FuturesWebSocketPongTimeout = Duration(section, "futures-websocket-pong-timeout") ?? defaults.FuturesWebSocketPongTimeout,
            WebSocketMaxLifetime = Duration(section, "websocket-max-lifetime") ?? defaults.WebSocketMaxLifetime,
            Engine = engineDefaults with
            {
                StartPrices = Map(engine.GetSection("start-prices")) ?? engineDefaults.StartPrices,
                SpotBalances = Map(engine.GetSection("spot-balances")) ?? engineDefaults.SpotBalances,
                FuturesWalletBalance = Dec(engine, "futures-wallet-balance") ?? engineDefaults.FuturesWalletBalance,
                DefaultLeverage = Int(engine, "default-leverage") ?? engineDefaults.DefaultLeverage,
                MaxLeverage = Int(engine, "max-leverage") ?? engineDefaults.MaxLeverage,
                SpotMakerFee = Dec(engine, "spot-maker-fee") ?? engineDefaults.SpotMakerFee,
                SpotTakerFee = Dec(engine, "spot-taker-fee") ?? engineDefaults.SpotTakerFee,
                FuturesMakerFee = Dec(engine, "futures-maker-fee") ?? engineDefaults.FuturesMakerFee,
                FuturesTakerFee = Dec(engine, "futures-taker-fee") ?? engineDefaults.FuturesTakerFee,
                MaintenanceMarginRate = Dec(engine, "maintenance-margin-rate") ?? engineDefaults.MaintenanceMarginRate,
                SpreadBps = Dec(engine, "spread-bps") ?? engineDefaults.SpreadBps,
                DepthLevelStepBps = Dec(engine, "depth-level-step-bps") ?? engineDefaults.DepthLevelStepBps,
                DepthLevelNotional = Dec(engine, "depth-level-notional") ?? engineDefaults.DepthLevelNotional,
                DepthLevels = Int(engine, "depth-levels") ?? engineDefaults.DepthLevels,
                PercentPriceBand = Dec(engine, "percent-price-band") ?? engineDefaults.PercentPriceBand,
                PriceStep = Duration(engine, "price-step") ?? engineDefaults.PriceStep,
                KlineHistoryMinutes = Int(engine, "kline-history-minutes") ?? engineDefaults.KlineHistoryMinutes,
                FundingRate = Dec(engine, "funding-rate") ?? engineDefaults.FundingRate,
                FundingInterval = Duration(engine, "funding-interval") ?? engineDefaults.FundingInterval,
                PricePath = PricePath(engine.GetSection("price-path"), (long?)Dec(section, "seed") ?? defaults.Seed),
            },
        };
    }

    private static IPricePath? PricePath(IConfigurationSection section, long seed)
    {
        switch (section["kind"] ?? "random-walk")
        {
            case "random-walk":
                return new RandomWalkPricePath(
                    seed,
                    (double)(Dec(section, "drift-per-step") ?? 0m),
                    (double)(Dec(section, "volatility-per-step") ?? 0.0002m),
                    (double)(Dec(section, "jump-probability") ?? 0.001m),
                    (double)(Dec(section, "jump-size") ?? 0.01m));
            case "kline-replay":
                var file = section["kline-csv"];
                if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
                {
                    throw new InvalidOperationException($"Simulator price-path.kline-csv: file '{file}' does not exist.");
                }

                using (var reader = File.OpenText(file))
                {
                    return KlineReplayPricePath.FromCsv(reader);
                }

            default:
                throw new InvalidOperationException($"Simulator price-path.kind '{section["kind"]}' is unknown (random-walk, kline-replay).");
        }
    }

    private static Dictionary<string, decimal>? Map(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        return children.Count == 0 ? null : children.ToDictionary(c => c.Key, c => Dec(section, c.Key)!.Value, StringComparer.Ordinal);
    }

    private static decimal? Dec(IConfiguration section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Simulator setting '{key}' = '{text}' is not a number.");
    }

    private static int? Int(IConfiguration section, string key) => Dec(section, key) is { } value ? (int)value : null;

    private static bool? Bool(IConfiguration section, string key)
    {
        var text = section[key];
        return text is null ? null : bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Simulator setting '{key}' = '{text}' is not true/false.");
    }

    /// <summary>HOCON-style durations: "20s", "500ms", "1m", "2h", or plain milliseconds.</summary>
    private static TimeSpan? Duration(IConfiguration section, string key)
    {
        var text = section[key]?.Trim();
        if (text is null)
        {
            return null;
        }

        var units = new (string Suffix, double Ms)[] { ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return TimeSpan.FromMilliseconds(amount * ms);
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain)
            ? TimeSpan.FromMilliseconds(plain)
            : throw new InvalidOperationException($"Simulator setting '{key}' = '{text}' is not a duration.");
    }
}
