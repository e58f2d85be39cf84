using System.Net;
using System.Net.Sockets;

namespace TradingActors.Cli.Tests;

public sealed class ConnectionTests(PaperNode node) : IClassFixture<PaperNode>
{
    [Fact]
    public async Task A_wrong_token_exits_three_saying_where_the_token_is()
    {
        var run = await node.RunAsync(["reconcile", "--dry-run", "--node", node.Url, "--token", "wrong"], environment: new Dictionary<string, string>());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("management-token", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_for_a_mutating_command_exits_three()
    {
        var run = await node.RunAsync(["reconcile", "--dry-run", "--node", node.Url], environment: new Dictionary<string, string>());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
    }

    [Fact]
    public async Task An_unreachable_node_exits_three_for_text_and_json()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var text = await node.RunAsync(["cluster", "show", "--node", url]);
        var json = await node.RunAsync(["status", "--json", "--node", url]);

        Assert.Equal(ExitCodes.Unreachable, text.ExitCode);
        Assert.Contains("cannot reach the node", text.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unreachable, json.ExitCode);
    }

    [Fact]
    public async Task The_token_is_read_from_the_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("ta-cli-token-");
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "management-token"), PaperNode.Token + "\n");

        var run = await node.RunAsync(["reconcile", "--dry-run", "--data-dir", directory.FullName], environment: new Dictionary<string, string> { ["TRADECTL_NODE"] = node.Url });

        directory.Delete(recursive: true);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
    }

    [Fact]
    public async Task A_data_directory_without_a_token_exits_three()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ta-no-such-dir-" + Guid.NewGuid().ToString("N"));

        var run = await node.RunAsync(["status", "--data-dir", missing], environment: new Dictionary<string, string> { ["TRADECTL_NODE"] = node.Url });

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("positions --state bogus")]
    [InlineData("cluster-sharding region-stats")]
    [InlineData("open --market spot")]
    [InlineData("position move-stop p1 not-a-number")]
    [InlineData("status --node not-a-url")]
    public async Task Usage_errors_exit_two(string command)
    {
        var run = await node.RunAsync(command.Split(' '));

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task Help_exits_zero()
    {
        var run = await node.RunAsync(["--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("cluster-sharding", run.Output, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
