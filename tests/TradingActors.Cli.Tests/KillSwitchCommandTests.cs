namespace TradingActors.Cli.Tests;

public sealed class KillSwitchCommandTests(PaperNode node) : IClassFixture<PaperNode>
{
    [Fact]
    public async Task Kill_switch_without_yes_and_without_stdin_is_refused()
    {
        var run = await node.RunAsync(["kill-switch"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_switch_answered_no_is_not_engaged()
    {
        var run = await node.RunAsync(["kill-switch"], input: "n\n");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("not engaged", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_switch_engages_when_confirmed_or_with_yes_in_text_and_json()
    {
        var confirmed = await node.RunAsync(["kill-switch"], input: "y\n");
        var json = await node.RunAsync(["kill-switch", "--yes", "--json"]);

        Assert.True(confirmed.ExitCode == ExitCodes.Ok, confirmed.ToString());
        Assert.Contains("Kill switch engaged", confirmed.Output, StringComparison.Ordinal);
        Assert.Equal("engaged", json.Json().GetProperty("result").GetString());
    }
}
