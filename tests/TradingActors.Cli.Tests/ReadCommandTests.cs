using System.Text.Json;

namespace TradingActors.Cli.Tests;

public sealed class ReadCommandTests(PaperNode node) : IClassFixture<PaperNode>
{
    [Theory]
    [InlineData("cluster show")]
    [InlineData("cluster-sharding regions")]
    [InlineData("cluster-sharding region-stats -r position-spot")]
    [InlineData("actor hierarchy -s /user -d 2")]
    [InlineData("status")]
    [InlineData("positions")]
    [InlineData("positions --state all")]
    [InlineData("orders")]
    [InlineData("signals")]
    [InlineData("reconcile --dry-run")]
    [InlineData("reconcile --mode SPOT --dry-run")]
    [InlineData("cluster down-unreachable")]
    public async Task Command_succeeds_in_text_and_in_json(string command)
    {
        var text = await node.RunAsync(command.Split(' '));
        var json = await node.RunAsync([.. command.Split(' '), "--json"]);

        Assert.True(text.ExitCode == ExitCodes.Ok, text.ToString());
        Assert.NotEmpty(text.Output);
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        Assert.NotEqual(JsonValueKind.Undefined, json.Json().ValueKind);
    }

    [Fact]
    public async Task Cluster_show_prints_one_pipe_separated_line_per_member_then_the_count()
    {
        var run = await node.RunAsync(["cluster", "show"]);

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^akka\.tcp://trading-node@127\.0\.0\.1:\d+ \| \[\] \| up \|  \| \d+$", lines[0]);
        Assert.Equal("Count: 1 nodes", lines[1]);
    }

    [Fact]
    public async Task Sharding_regions_lists_positions_and_intents_per_market_and_the_strategies()
    {
        var run = await node.RunAsync(["cluster-sharding", "regions"]);

        Assert.Equal(["intent-futures", "intent-spot", "position-futures", "position-spot", "strategy"], run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Actor_hierarchy_shows_the_reconciler_under_user()
    {
        var run = await node.RunAsync(["actor", "hierarchy", "-d", "1"]);

        Assert.Contains("  /user/reconciler", run.Output.Split('\n'));
    }

    [Fact]
    public async Task Region_stats_of_an_unknown_type_fails_with_the_known_ones()
    {
        var run = await node.RunAsync(["cluster-sharding", "region-stats", "-r", "nope"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("position-futures", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Leaving_or_downing_an_unknown_member_fails(string operation)
    {
        var run = await node.RunAsync(["cluster", operation, "akka.tcp://nobody@127.0.0.1:1"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("404", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_events_of_an_unknown_id_fails()
    {
        var run = await node.RunAsync(["journal", "events", "position-never"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
    }
}
