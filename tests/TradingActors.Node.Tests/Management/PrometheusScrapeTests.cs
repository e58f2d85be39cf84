using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace TradingActors.Node.Tests.Management;

/// <summary>A real Prometheus (the Debian package, /usr/bin/prometheus) scrapes the node's /metrics and answers a query for our series.</summary>
public sealed class PrometheusScrapeTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string Binary = "/usr/bin/prometheus";

    [Fact]
    public async Task Prometheus_scrapes_the_node_and_answers_a_query_for_its_series()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: tests/run installs it (apt-get install prometheus)");
        var directory = Directory.CreateTempSubdirectory("ta-prometheus-");
        var port = FreePort();
        var target = node.Host.ManagementAddress;
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: trading-node
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target.Host}:{target.Port}']
            """);
        using var prometheus = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(directory.FullName, "prometheus.yml")}",
                $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var query = Uri.EscapeDataString("tradingactors_node_cluster_members{status=\"Up\"}");
            await Eventually.ThatAsync(
                async () =>
                {
                    using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/query?query={query}"));
                    var result = document.RootElement.GetProperty("data").GetProperty("result");
                    return result.GetArrayLength() > 0 && result[0].GetProperty("value")[1].GetString() == "1";
                },
                "Prometheus never had tradingactors_node_cluster_members{status=\"Up\"} = 1",
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            directory.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
