using TradingActors.CrashHarness;

namespace TradingActors.CrashHarness.Tests;

public sealed class ActionPlannerTests
{
    private static readonly NodePosition ActiveLong = new("crash-7-1", "Futures", "BTCUSDT", "Long", "Active", 0.01m);

    [Fact]
    public void The_same_seed_plans_the_same_actions()
    {
        Assert.Equal(Plan(seed: 7), Plan(seed: 7));
        Assert.NotEqual(Plan(seed: 7), Plan(seed: 8));
    }

    [Fact]
    public void Only_free_market_and_symbol_pairs_are_opened_and_spot_only_long()
    {
        var planner = new ActionPlanner(new Random(3), 3, slowPolicyShare: 0);
        var open = new List<NodePosition> { ActiveLong with { State = "PendingEntry" }, new("s", "Spot", "ETHUSDT", "Long", "PendingEntry", 0.1m) };

        var actions = Enumerable.Range(0, 50).Select(_ => planner.Next(open, (_, _) => 100m)).ToList();

        Assert.All(actions, a => Assert.Contains("futures ETHUSDT", a.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_position_gets_its_new_stop_below_the_price()
    {
        var planner = new ActionPlanner(new Random(5), 5, slowPolicyShare: 0);
        var full = new List<NodePosition>
        {
            ActiveLong,
            new("e", "Futures", "ETHUSDT", "Short", "PendingEntry", 0.1m),
            new("s", "Spot", "ETHUSDT", "Long", "PendingEntry", 0.1m),
        };

        var moves = Enumerable.Range(0, 50).Select(_ => planner.Next(full, (_, _) => 1000m)).Where(a => a.Kind == "stop").ToList();

        Assert.NotEmpty(moves);
        Assert.All(moves, m => Assert.InRange(decimal.Parse(m.Description.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture), 940m, 980m));
    }

    private static List<string> Plan(int seed)
    {
        var planner = new ActionPlanner(new Random(seed), seed, slowPolicyShare: 0.2);
        var open = new List<NodePosition>();
        var plan = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var action = planner.Next(open, (symbol, _) => symbol == "BTCUSDT" ? 65000m : 3500m);
            plan.Add(action.Description);
            if (i % 3 == 0 && action.OpensPositionId is { } id)
            {
                var parts = action.Description.Split(' ');
                open.Add(new NodePosition(id, parts[2], parts[3], parts[4], "Active", 0.01m));
            }
        }

        return plan;
    }
}
