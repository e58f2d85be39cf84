using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator;

/// <summary>
/// Reads <see cref="SimulatorOptions"/> from the block <c>trading-actors.simulator</c> of the root configuration
/// (hocon/simulator.conf); missing keys keep their defaults, malformed ones are errors naming the full key.
/// </summary>
public static class SimulatorConfiguration
{
    public const string Block = "trading-actors.simulator";

    public static SimulatorOptions Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = new Section(Sub(config, Block), Block);
        var defaults = new SimulatorOptions();
        var engine = section.Sub("engine");
        var engineDefaults = defaults.Engine;
        var symbols = section.List("symbols");
        return defaults with
        {
            Port = Int(section, "port") ?? defaults.Port,
            ApiKey = section.Text("api-key") ?? defaults.ApiKey,
            ApiSecret = section.Text("api-secret") ?? defaults.ApiSecret,
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
                StartPrices = Map(engine.Sub("start-prices")) ?? engineDefaults.StartPrices,
                SpotBalances = Map(engine.Sub("spot-balances")) ?? engineDefaults.SpotBalances,
                FuturesWalletBalance = Dec(engine, "futures-wallet-balance") ?? engineDefaults.FuturesWalletBalance,
                DefaultLeverage = Int(engine, "default-leverage") ?? engineDefaults.DefaultLeverage,
                MaxLeverage = Int(engine, "max-leverage") ?? engineDefaults.MaxLeverage,
                SpotMakerFee = Dec(engine, "spot-maker-fee") ?? engineDefaults.SpotMakerFee,
                SpotTakerFee = Dec(engine, "spot-taker-fee") ?? engineDefaults.SpotTakerFee,
                SpotBnbBurn = Bool(engine, "spot-bnb-burn") ?? engineDefaults.SpotBnbBurn,
                SpotBnbFeeFactor = Dec(engine, "spot-bnb-fee-factor") ?? engineDefaults.SpotBnbFeeFactor,
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
                PricePath = PricePath(engine.Sub("price-path"), (long?)Dec(section, "seed") ?? defaults.Seed),
            },
        };
    }

    private static IPricePath? PricePath(Section section, long seed)
    {
        var kind = section.Text("kind") ?? "random-walk";
        switch (kind)
        {
            case "random-walk":
                return new RandomWalkPricePath(
                    seed,
                    (double)(Dec(section, "drift-per-step") ?? 0m),
                    (double)(Dec(section, "volatility-per-step") ?? 0.0002m),
                    (double)(Dec(section, "jump-probability") ?? 0.001m),
                    (double)(Dec(section, "jump-size") ?? 0.01m));
            case "kline-replay":
                var file = section.Text("kline-csv");
                if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
                {
                    throw new InvalidOperationException($"{section.Key("kline-csv")}: file '{file}' does not exist.");
                }

                using (var reader = File.OpenText(file))
                {
                    return KlineReplayPricePath.FromCsv(reader);
                }

            default:
                throw new InvalidOperationException($"{section.Key("kind")}: '{kind}' is unknown (random-walk, kline-replay).");
        }
    }

    private static Dictionary<string, decimal>? Map(Section section)
    {
        var names = section.Names;
        return names.Count == 0 ? null : names.ToDictionary(name => name, name => Dec(section, name)!.Value, StringComparer.Ordinal);
    }

    private static decimal? Dec(Section section, string key)
    {
        var text = section.Text(key);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{section.Key(key)}: '{text}' is not a number.");
    }

    private static int? Int(Section section, string key) => Dec(section, key) is { } value ? (int)value : null;

    private static bool? Bool(Section section, string key)
    {
        var text = section.Text(key);
        return text is null ? null : bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{section.Key(key)}: '{text}' is not true or false.");
    }

    /// <summary>Akka's durations ("20s", "500ms", "1m", "2h", "1 minute", plain milliseconds) and TimeSpan literals ("00:00:05").</summary>
    private static TimeSpan? Duration(Section section, string key)
    {
        var text = section.Text(key);
        if (text is null)
        {
            return null;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var literal) && literal >= TimeSpan.Zero
                ? literal
                : throw new InvalidOperationException($"{section.Key(key)}: '{text}' is not a duration.");
        }

        var value = new HoconValue();
        value.AppendValue(new HoconLiteral { Value = text });
        try
        {
            return text[0] is '-' or '+' ? throw new FormatException("signed") : value.GetTimeSpan(allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or OverflowException or NotSupportedException)
        {
            throw new InvalidOperationException($"{section.Key(key)}: '{text}' is not a duration.", e);
        }
    }

    private static Config Sub(Config config, string path) => config.IsEmpty ? Config.Empty : config.GetConfig(path) ?? Config.Empty;

    /// <summary>One block and its full key, for error messages.</summary>
    private sealed class Section(Config block, string path)
    {
        public IReadOnlyList<string> Names => block.IsEmpty || !block.Root.IsObject() ? [] : [.. block.Root.GetObject().Items.Keys];

        public string Key(string key) => $"{path}.{key}";

        public Section Sub(string key) => new(SimulatorConfiguration.Sub(block, key), Key(key));

        public string? Text(string key)
        {
            if (block.IsEmpty || block.GetValue(key) is not { IsEmpty: false } value)
            {
                return null;
            }

            return value.IsObject() || value.IsArray()
                ? throw new InvalidOperationException($"{Key(key)}: expected a single value, not a block or a list.")
                : value.GetString()?.Trim() is { Length: > 0 } text ? text : null;
        }

        /// <summary>A HOCON list, or one comma-separated text (as an environment variable or --set gives it).</summary>
        public IReadOnlyList<string> List(string key)
        {
            if (block.IsEmpty || block.GetValue(key) is not { IsEmpty: false } value)
            {
                return [];
            }

            var items = value.IsArray() ? value.GetArray().Select(item => item.GetString()) : (Text(key) ?? string.Empty).Split(',');
            return items.OfType<string>().Select(item => item.Trim()).Where(item => item.Length > 0).ToList();
        }
    }
}
