using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Persistence;

/// <summary>The paper node with its journal on PostgreSQL, end to end: it trades, stops, and recovers on the same database.</summary>
[Collection(PostgreSqlFixture.CollectionName)]
public sealed class PostgreSqlNodeTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly string _schema = "node_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-pg-node-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_node_on_PostgreSQL_opens_a_position_and_a_restarted_node_recovers_it_from_the_journal()
    {
        string id;
        decimal stop;
        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            var opened = await client.SendAsync(Authorized(HttpMethod.Post, "/positions", new { market = "futures", symbol = "BTCUSDT", side = "long", quantity = 0.01m, stopPrice = 60_000m }));
            Assert.True(opened.StatusCode == HttpStatusCode.Accepted, $"{opened.StatusCode}: {await opened.Content.ReadAsStringAsync()}");
            id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var active = await AwaitPositionAsync(client, id, p => p.GetProperty("state").GetString() == "Active" && p.GetProperty("protections").GetArrayLength() == 1);
            stop = active.GetProperty("stopPrice").GetDecimal();
        }

        await using var second = await StartAsync();
        using var again = Client(second);
        var recovered = await AwaitPositionAsync(again, id, p => p.GetProperty("state").GetString() == "Active");
        Assert.Equal(stop, recovered.GetProperty("stopPrice").GetDecimal());
        Assert.Equal(["journal", "snapshot", "tags"], await TablesAsync());
    }

    private async Task<NodeHost> StartAsync()
    {
        var host = await NodeHost.StartAsync(
            CommandLineOptions.Parse(NodeFixture.Arguments(
                _directory,
                "--set", "trading-actors.persistence.plugin=postgresql",
                "--set", $"trading-actors.persistence.postgresql.connection-string={postgres.ConnectionString}",
                "--set", $"trading-actors.persistence.postgresql.schema-name={_schema}")),
            TextWriter.Null);
        using var client = Client(host);
        await Eventually.ThatAsync(async () => (await client.GetAsync("/ready")).StatusCode == HttpStatusCode.OK, "the node on PostgreSQL never became ready");
        await Eventually.TrueAsync(() => host.Node.Markets.Values.All(m => m.Context.Quotes.TryGet(new("BTCUSDT"), out _)), because: "no quotes arrived");
        return host;
    }

    private static HttpClient Client(NodeHost host) => new() { BaseAddress = host.ManagementAddress, Timeout = TimeSpan.FromSeconds(20) };

    private static HttpRequestMessage Authorized(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", NodeFixture.Token);
        return request;
    }

    private static async Task<JsonElement> AwaitPositionAsync(HttpClient client, string id, Func<JsonElement, bool> condition)
    {
        JsonElement position = default;
        await Eventually.ThatAsync(
            async () =>
            {
                var response = await client.GetAsync($"/positions/{id}");
                position = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position") : default;
                return position.ValueKind == JsonValueKind.Object && condition(position);
            },
            () => $"position {id} never matched; last seen {position}",
            TimeSpan.FromSeconds(30));
        return position;
    }

    private async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema ORDER BY table_name", connection);
        command.Parameters.AddWithValue("schema", _schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables.Where(t => t is "journal" or "snapshot" or "tags").ToList();
    }
}
