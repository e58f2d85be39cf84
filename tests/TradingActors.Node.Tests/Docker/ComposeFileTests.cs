using System.Diagnostics;
using System.Text.RegularExpressions;
using TradingActors.Node.Clustering;
using TradingActors.Node.Config;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TradingActors.Node.Tests.Docker;

/// <summary>
/// No Docker engine runs here, so docker/docker-compose.yml is checked against the node it starts: every node's
/// command is one the node accepts, the seeds name the services and their cluster ports, and every address a service
/// is reached on (health checks, published ports, the simulator, PostgreSQL) matches what that service listens on.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Docker = Path.Combine(RepositoryRoot(), "docker");
    private static readonly Dictionary<string, object> Services = Load();

    [Fact]
    public void The_cluster_has_postgresql_the_simulator_and_two_nodes_each_waiting_for_healthy_dependencies()
    {
        Assert.Equal(["node1", "node2", "postgres", "simulator"], Services.Keys.Order(StringComparer.Ordinal));
        foreach (var node in Nodes)
        {
            var dependsOn = Map(Map(Services[node])["depends_on"]);
            Assert.Equal("service_healthy", Map(dependsOn["postgres"])["condition"]);
            Assert.Equal("service_healthy", Map(dependsOn["simulator"])["condition"]);
            Assert.NotNull(Map(Services[node])["healthcheck"]);
        }
    }

    [Theory]
    [InlineData("node1")]
    [InlineData("node2")]
    public void A_nodes_command_is_one_the_node_accepts_and_its_seeds_are_the_node_services(string name)
    {
        var service = Map(Services[name]);
        var command = List(service["command"]);
        var overrides = CommandLineOptions.Parse(command).Overrides;

        Assert.Equal("cluster", overrides["trading-actors.node.mode"]);
        var port = overrides["trading-actors.cluster.port"];
        var seeds = ClusterNodeSettings.Read(NodeConfiguration.OverridesLayer(overrides)).SeedNodes;
        Assert.Equal(Nodes, seeds.Select(s => s.Host));
        Assert.All(seeds, s => Assert.Equal(ClusterPort(s.Host), s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(name, Environment(service)["TRADING_ACTORS_CLUSTER_HOSTNAME"]);
        Assert.Equal(ClusterPort(name), port);
    }

    [Theory]
    [InlineData("node1")]
    [InlineData("node2")]
    public void A_node_is_reached_where_it_listens_and_reaches_the_simulator_and_postgresql_where_they_listen(string name)
    {
        var service = Map(Services[name]);
        var management = CommandLineOptions.Parse(List(service["command"])).Overrides["trading-actors.node.management.port"];
        var environment = Environment(service);

        Assert.Contains($"http://127.0.0.1:{management}/ready", string.Join(' ', List(Map(service["healthcheck"])["test"])), StringComparison.Ordinal);
        Assert.EndsWith($":{management}", List(service["ports"]).Single(), StringComparison.Ordinal);
        var simulator = List(Map(Services["simulator"])["command"]);
        var simulatorPort = simulator[simulator.IndexOf("--port") + 1];
        Assert.Equal($"http://simulator:{simulatorPort}/", environment["TA_trading-actors__node__simulator-url"]);
        Assert.StartsWith("Host=postgres;Port=5432;Database=trading;Username=trading;", environment["TRADING_ACTORS_JOURNAL_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Matches(@"^\$\{TRADING_ACTORS_MANAGEMENT_TOKEN:\?", environment["TRADING_ACTORS_MANAGEMENT_TOKEN"]);
    }

    [Fact]
    public void The_dockerfiles_copy_what_the_repository_has_and_start_the_published_programs()
    {
        foreach (var (file, dll) in new[] { ("node.Dockerfile", "TradingActors.Node.dll"), ("simulator.Dockerfile", "TradingActors.Simulator.dll") })
        {
            var text = File.ReadAllText(Path.Combine(Docker, file));
            foreach (Match copy in CopyLine().Matches(text))
            {
                Assert.All(copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), source =>
                    Assert.True(Path.Exists(Path.Combine(RepositoryRoot(), source)), $"{file}: COPY {source} is not in the repository"));
            }

            Assert.Contains($"\"/app/{dll}\"", text, StringComparison.Ordinal);
            Assert.Equal(2, Regex.Matches(text, "^FROM ", RegexOptions.Multiline).Count);
        }
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_when_the_compose_plugin_is_installed()
    {
        if (!await SucceedsAsync("docker", "compose", "version"))
        {
            // The docker client here has no compose plugin: the checks above are what can run.
            return;
        }

        Assert.True(await SucceedsAsync(
            "docker", "compose", "-f", Path.Combine(Docker, "docker-compose.yml"), "--env-file", Path.Combine(Docker, "cluster.env.example"), "config", "--quiet"));
    }

    private static string[] Nodes => ["node1", "node2"];

    private static string ClusterPort(string node) =>
        CommandLineOptions.Parse(List(Map(Services[node])["command"])).Overrides["trading-actors.cluster.port"]!;

    private static Dictionary<string, object> Load()
    {
        using var reader = new StreamReader(Path.Combine(Docker, "docker-compose.yml"));
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
        return Map(document["services"]).ToDictionary(s => s.Key, s => s.Value);
    }

    private static Dictionary<string, object> Map(object value) =>
        ((Dictionary<object, object>)value).ToDictionary(p => (string)p.Key, p => p.Value);

    private static List<string> List(object value) => ((List<object>)value).Select(v => (string)v).ToList();

    private static Dictionary<string, string> Environment(Dictionary<string, object> service) =>
        Map(service["environment"]).ToDictionary(p => p.Key, p => (string)p.Value);

    private static async Task<bool> SucceedsAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        return process.ExitCode == 0;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TradingActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No TradingActors.sln above the test's directory.");
    }

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
