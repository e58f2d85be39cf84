using System.Security.Cryptography;
using System.Text;
using Akka.Configuration;
using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Strategy;

/// <summary>
/// Reads the strategies from the <c>trading-actors.strategies</c> block (one sub-block per strategy; see
/// <c>hocon/trading.conf</c>). Every rule is parsed here, at start-up, so a bad rule stops the node with its key
/// and column instead of failing later.
/// </summary>
public static class StrategyDefinitions
{
    public const string Block = "trading-actors.strategies";

    /// <summary>Reads the block <c>trading-actors.strategies</c> of the root configuration: every enabled strategy in it.</summary>
    public static IReadOnlyList<StrategyDefinition> Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var strategies = new ConfigValues(config, Block);
        return strategies.Names
            .Where(name => strategies.Block(name).Names.Count > 0)
            .Select(name => ReadOne(name, strategies.Block(name)))
            .OfType<StrategyDefinition>()
            .ToList();
    }

    private static StrategyDefinition? ReadOne(string name, ConfigValues c)
    {
        if (c.Bool("enabled") == false)
        {
            return null;
        }

        var market = Required(c, "market").ToUpperInvariant() switch
        {
            "SPOT" => Market.Spot,
            "FUT" or "FUTURES" => Market.Futures,
            var other => throw new FormatException($"{c.Key("market")}: '{other}' is not SPOT or FUTURES."),
        };
        var definition = new StrategyDefinition
        {
            Name = name,
            Market = market,
            Symbol = new Symbol(Required(c, "symbol")),
            BarInterval = c.Duration("bar-interval") ?? TimeSpan.FromMinutes(1),
            Long = Entry(c.Block("entry").Block("long")),
            Short = Entry(c.Block("entry").Block("short")),
            StopDistance = RuleParser.ParseValue(c.Key("stop-distance"), Required(c, "stop-distance")),
            TakeProfitDistance = c.String("take-profit-distance") is { } tp ? RuleParser.ParseValue(c.Key("take-profit-distance"), tp) : null,
            TrailingDistance = c.Decimal("trailing-distance"),
            RiskPerTrade = c.Decimal("risk-per-trade") ?? 0.01m,
            Equity = c.Decimal("equity") ?? 10_000m,
            FeeRate = c.Decimal("fee-rate") ?? (market == Market.Spot ? 0.001m : 0.0005m),
            ExpectedSlippage = c.Decimal("expected-slippage") ?? 0.0002m,
            MaxLeverageUsed = c.Decimal("max-leverage-used") ?? 1m,
            MaxNotional = c.Decimal("max-notional"),
            MaxCostShare = c.Decimal("max-cost-share") ?? 0.3m,
            EntryPolicy = Policy(c),
            Revision = Revision(c),
        };
        if (definition.Market == Market.Spot && definition.Short is not null)
        {
            throw new FormatException($"{c.Key("entry.short")}: spot cannot be short.");
        }

        if (definition.TrailingDistance is <= 0m or >= 1m)
        {
            throw new FormatException($"{c.Key("trailing-distance")}: expected a fraction of the price between 0 and 1.");
        }

        if (definition.FeeRate is < 0m or >= 0.01m || definition.ExpectedSlippage is < 0m or >= 0.01m)
        {
            throw new FormatException($"{c.Key("fee-rate")} / {c.Key("expected-slippage")}: expected fractions from 0 to 0.01 (per side).");
        }

        if (definition.MaxLeverageUsed is <= 0m or > 125m || definition.MaxNotional is <= 0m)
        {
            throw new FormatException($"{c.Key("max-leverage-used")} / {c.Key("max-notional")}: expected a positive share of equity (at most 125) and a positive notional.");
        }

        if (definition.MaxCostShare is <= 0m or > 1m)
        {
            throw new FormatException($"{c.Key("max-cost-share")}: expected a fraction above 0 and at most 1.");
        }

        if (definition.RiskPerTrade is <= 0m or > 0.1m)
        {
            throw new FormatException($"{c.Key("risk-per-trade")}: expected a fraction above 0 and at most 0.1.");
        }

        return definition;
    }

    private static EntryRule? Entry(ConfigValues c)
    {
        if (c.Names.Count == 0)
        {
            return null;
        }

        var conditions = new List<WeightedCondition>();
        if (c.String("when") is { } when)
        {
            conditions.Add(new WeightedCondition(c.Key("when"), when, RuleParser.ParseCondition(c.Key("when"), when), 1m));
        }

        foreach (var item in c.Blocks("conditions"))
        {
            var text = item.String("when") ?? throw new FormatException($"{item.Key("when")}: missing.");
            conditions.Add(new WeightedCondition(item.Key("when"), text, RuleParser.ParseCondition(item.Key("when"), text), item.Decimal("weight") ?? 1m));
        }

        return new EntryRule(conditions, c.Decimal("min-confidence") ?? 1m);
    }

    private static ExecutionPolicy Policy(ConfigValues c) => (c.String("policy") ?? "market").ToLowerInvariant() switch
    {
        "market" => new ExecutionPolicy.Market(),
        "post-only" => new ExecutionPolicy.PostOnly(),
        "maker-then-taker" => new ExecutionPolicy.MakerThenTaker(c.Duration("maker-window") ?? TimeSpan.FromSeconds(5), new ExecutionPolicy.Market()),
        "twap" => new ExecutionPolicy.Twap(c.Int("twap-slices") ?? 3, c.Duration("twap-interval") ?? TimeSpan.FromSeconds(2)),
        var other => throw new FormatException($"{c.Key("policy")}: '{other}' is not market, post-only, maker-then-taker or twap."),
    };

    private static string Required(ConfigValues c, string name) => c.String(name) ?? throw new FormatException($"{c.Key(name)}: missing.");

    // The text hashed is the one the configuration layer of earlier versions produced (colon-separated keys, sorted),
    // so an unchanged strategy keeps the revision its journaled signals carry.
    private static string Revision(ConfigValues c)
    {
        var text = string.Join('\n', c.Flatten().Select(p => (Key: p.Key.Replace('.', ':'), p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
    }
}
