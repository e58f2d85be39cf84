using Akka.Configuration;
using Akka.Coordination;
using Npgsql;
using TradingActors.Node.Clustering;
using TradingActors.TestSupport;

namespace TradingActors.Node.Tests.Clustering;

/// <summary>The split brain resolver's lease against a real PostgreSQL: one owner at a time, taken back from a crashed owner.</summary>
[Collection(PostgreSqlFixture.CollectionName)]
public sealed class PostgreSqlLeaseTests(PostgreSqlFixture postgres) : Akka.TestKit.Xunit2.TestKit
{
    private readonly string _name = "lease-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Only_one_owner_holds_the_lease_until_it_releases_it()
    {
        var a = await LeaseAsync("node-a", heartbeat: TimeSpan.FromMilliseconds(200), timeout: TimeSpan.FromSeconds(5));
        var b = await LeaseAsync("node-b", heartbeat: TimeSpan.FromMilliseconds(200), timeout: TimeSpan.FromSeconds(5));

        Assert.True(await a.Acquire());
        Assert.False(await b.Acquire());
        Assert.True(a.CheckLease());
        Assert.False(b.CheckLease());

        Assert.True(await a.Release());
        Assert.False(a.CheckLease());
        Assert.True(await b.Acquire());
        Assert.True(b.CheckLease());
        await b.Release();
    }

    [Fact]
    public async Task The_owner_acquiring_again_keeps_it()
    {
        var a = await LeaseAsync("node-a", heartbeat: TimeSpan.FromMilliseconds(200), timeout: TimeSpan.FromSeconds(5));

        Assert.True(await a.Acquire());
        Assert.True(await a.Acquire());
        await a.Release();
    }

    [Fact]
    public async Task A_lease_whose_owner_stopped_heartbeating_is_taken_over_and_its_owner_is_told_it_lost_it()
    {
        // The owner heartbeats later than its lease lasts, as a crashed or frozen owner would: the lease expires.
        var a = await LeaseAsync("node-a", heartbeat: TimeSpan.FromSeconds(2), timeout: TimeSpan.FromSeconds(1));
        var b = await LeaseAsync("node-b", heartbeat: TimeSpan.FromMilliseconds(200), timeout: TimeSpan.FromSeconds(5), operation: TimeSpan.FromSeconds(3));
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await a.Acquire(e => lost.TrySetResult(e)));

        // The survivor asks while the lease is still held: it waits for the expiry instead of giving up.
        Assert.True(await b.Acquire());

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("taken over", reason.Message, StringComparison.Ordinal);
        Assert.False(a.CheckLease());
        Assert.True(b.CheckLease());
        await b.Release();
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_gives_no_lease()
    {
        var unreachable = new PostgreSqlLease(Settings("node-a", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3)), Sys);

        Assert.False(await unreachable.Acquire());
        Assert.False(unreachable.CheckLease());
    }

    private async Task<PostgreSqlLease> LeaseAsync(string owner, TimeSpan heartbeat, TimeSpan timeout, TimeSpan? operation = null)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var schema = connection.CreateCommand();
        schema.CommandText = "CREATE SCHEMA IF NOT EXISTS lease_tests";
        await schema.ExecuteNonQueryAsync();
        return new PostgreSqlLease(Settings(owner, postgres.ConnectionString, heartbeat, timeout, operation ?? TimeSpan.FromMilliseconds(500)), Sys);
    }

    private LeaseSettings Settings(string owner, string connectionString, TimeSpan heartbeat, TimeSpan timeout, TimeSpan operation) =>
        new(_name, owner, new TimeoutSettings(heartbeat, timeout, operation), ConfigurationFactory.ParseString($"""
            connection-string = "{connectionString}"
            schema-name = lease_tests
            """));
}
