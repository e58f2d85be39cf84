namespace TradingActors.Cli.Tests;

public sealed class PositionCommandTests(PaperNode node) : IClassFixture<PaperNode>
{
    [Fact]
    public async Task A_position_opened_by_tradectl_is_shown_moved_closed_and_journaled()
    {
        var opened = await node.RunAsync(["open", "--market", "futures", "--symbol", "BTCUSDT", "--side", "long", "--quantity", "0.002", "--stop", "1000", "--json"]);
        Assert.True(opened.ExitCode == ExitCodes.Ok, opened.ToString());
        var id = opened.Json().GetProperty("id").GetString()!;
        await Eventually.ThatAsync(
            async () => (await node.RunAsync(["position", "show", id, "--json"])).Json().GetProperty("position") is var p
                && p.GetProperty("state").GetString() == "Active" && p.GetProperty("protections").GetArrayLength() > 0,
            "the position never became active with its stop armed");

        var show = await node.RunAsync(["position", "show", id]);
        var moved = await node.RunAsync(["position", "move-stop", id, "1500"]);
        CliRun movedJson = null!;

        // A stop is replaced by placing the new one before cancelling the old: until then another move is refused.
        await Eventually.ThatAsync(
            async () => (movedJson = await node.RunAsync(["position", "move-stop", id, "1600", "--json"])).ExitCode == ExitCodes.Ok,
            () => $"the second stop move was never accepted: {movedJson}");
        var closed = await node.RunAsync(["position", "close", id]);
        var journal = await node.RunAsync(["journal", "events", $"position-{id}"]);
        var journalJson = await node.RunAsync(["journal", "events", $"position-{id}", "--json"]);

        Assert.Contains("PositionOpened", show.Output, StringComparison.Ordinal);
        Assert.True(moved.ExitCode == ExitCodes.Ok, moved.ToString());
        Assert.Contains("stop accepted at 1500", moved.Output, StringComparison.Ordinal);
        Assert.Equal("accepted", movedJson.Json().GetProperty("result").GetString());
        Assert.True(closed.ExitCode == ExitCodes.Ok, closed.ToString());
        Assert.StartsWith($"{id}: accepted", closed.Output, StringComparison.Ordinal);
        Assert.Contains("PositionOpened", journal.Output, StringComparison.Ordinal);
        Assert.Equal("PositionOpened", journalJson.Json()[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Opening_in_text_prints_the_id_and_state()
    {
        var run = await node.RunAsync(["open", "--market", "spot", "--symbol", "ETHUSDT", "--side", "long", "--quantity", "0.01"]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Matches(@"^p[0-9a-f]+: accepted \(PendingEntry\)", run.Output);
    }

    [Fact]
    public async Task A_rejected_open_exits_one_with_the_reason()
    {
        var run = await node.RunAsync(["open", "--market", "futures", "--symbol", "ETHUSDT", "--side", "long", "--quantity", "0.01"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("stopPrice", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_an_unknown_position_exits_one()
    {
        var run = await node.RunAsync(["position", "close", "p-never-opened"]);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("404", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Positions_lists_an_opened_position_in_text_and_json()
    {
        var opened = await node.RunAsync(["open", "--market", "spot", "--symbol", "BTCUSDT", "--side", "long", "--quantity", "0.001", "--json"]);
        var id = opened.Json().GetProperty("id").GetString()!;

        await Eventually.ThatAsync(
            async () => (await node.RunAsync(["positions", "--state", "all", "--json"])).Json().EnumerateArray().Any(p => p.GetProperty("id").GetString() == id),
            "the position never showed in the listing");
        var text = await node.RunAsync(["positions", "--state", "all"]);

        Assert.Contains(id, text.Output, StringComparison.Ordinal);
        Assert.Contains("│ Spot ", text.Output, StringComparison.Ordinal);
    }
}
