using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
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
    public const string SectionPath = "trading-actors:strategies";

    public static IReadOnlyList<StrategyDefinition> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionPath).GetChildren()
            .Where(s => s.GetChildren().Any())
            .Select(ReadOne)
            .Where(d => d is not null)
            .Select(d => d!)
            .ToList();
    }

    private static StrategyDefinition? ReadOne(IConfigurationSection section)
    {
        var key = $"trading-actors.strategies.{section.Key}";
        if (section["enabled"] is { } enabled && !bool.Parse(enabled))
        {
            return null;
        }

        var market = Required(section, key, "market").ToUpperInvariant() switch
        {
            "SPOT" => Market.Spot,
            "FUT" or "FUTURES" => Market.Futures,
            var other => throw new FormatException($"{key}.market: '{other}' is not SPOT or FUTURES."),
        };
        var definition = new StrategyDefinition
        {
            Name = section.Key,
            Market = market,
            Symbol = new Symbol(Required(section, key, "symbol")),
            BarInterval = Duration(section, key, "bar-interval") ?? TimeSpan.FromMinutes(1),
            Long = Entry(section.GetSection("entry:long"), $"{key}.entry.long"),
            Short = Entry(section.GetSection("entry:short"), $"{key}.entry.short"),
            StopDistance = RuleParser.ParseValue($"{key}.stop-distance", Required(section, key, "stop-distance")),
            TakeProfitDistance = section["take-profit-distance"] is { Length: > 0 } tp ? RuleParser.ParseValue($"{key}.take-profit-distance", tp) : null,
            TrailingDistance = Decimal(section, key, "trailing-distance"),
            RiskPerTrade = Decimal(section, key, "risk-per-trade") ?? 0.01m,
            Equity = Decimal(section, key, "equity") ?? 10_000m,
            EntryPolicy = Policy(section, key),
            Revision = Revision(section),
        };
        if (definition.Market == Market.Spot && definition.Short is not null)
        {
            throw new FormatException($"{key}.entry.short: spot cannot be short.");
        }

        if (definition.TrailingDistance is <= 0m or >= 1m)
        {
            throw new FormatException($"{key}.trailing-distance: expected a fraction of the price between 0 and 1.");
        }

        if (definition.RiskPerTrade is <= 0m or > 0.1m)
        {
            throw new FormatException($"{key}.risk-per-trade: expected a fraction above 0 and at most 0.1.");
        }

        return definition;
    }

    private static EntryRule? Entry(IConfigurationSection section, string key)
    {
        if (!section.GetChildren().Any())
        {
            return null;
        }

        var conditions = new List<WeightedCondition>();
        if (section["when"] is { Length: > 0 } when)
        {
            conditions.Add(new WeightedCondition($"{key}.when", when, RuleParser.ParseCondition($"{key}.when", when), 1m));
        }

        foreach (var item in section.GetSection("conditions").GetChildren())
        {
            var itemKey = $"{key}.conditions.{item.Key}";
            var text = item["when"] ?? throw new FormatException($"{itemKey}.when: missing.");
            conditions.Add(new WeightedCondition($"{itemKey}.when", text, RuleParser.ParseCondition($"{itemKey}.when", text), Decimal(item, itemKey, "weight") ?? 1m));
        }

        return new EntryRule(conditions, Decimal(section, key, "min-confidence") ?? 1m);
    }

    private static ExecutionPolicy Policy(IConfigurationSection section, string key) => (section["policy"] ?? "market").ToLowerInvariant() switch
    {
        "market" => new ExecutionPolicy.Market(),
        "post-only" => new ExecutionPolicy.PostOnly(),
        "maker-then-taker" => new ExecutionPolicy.MakerThenTaker(Duration(section, key, "maker-window") ?? TimeSpan.FromSeconds(5), new ExecutionPolicy.Market()),
        "twap" => new ExecutionPolicy.Twap(ConfigValues.Int(section, key, "twap-slices") ?? 3, Duration(section, key, "twap-interval") ?? TimeSpan.FromSeconds(2)),
        var other => throw new FormatException($"{key}.policy: '{other}' is not market, post-only, maker-then-taker or twap."),
    };

    private static string Required(IConfigurationSection section, string key, string name) =>
        section[name] is { Length: > 0 } value ? value : throw new FormatException($"{key}.{name}: missing.");

    private static decimal? Decimal(IConfigurationSection section, string key, string name) => ConfigValues.Decimal(section, key, name);

    private static TimeSpan? Duration(IConfigurationSection section, string key, string name) => ConfigValues.Duration(section, key, name);

    private static string Revision(IConfigurationSection section)
    {
        var text = string.Join('\n', section.AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
    }
}
