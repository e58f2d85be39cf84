using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using Npgsql;

namespace TradingActors.Node.Clustering;

/// <summary>
/// An Akka.Coordination <see cref="Lease"/> kept in one PostgreSQL row per lease name (owner, expiry), the database
/// every node of the cluster already shares. The split brain resolver's <c>lease-majority</c> strategy acquires it
/// before downing the other side; the side that cannot acquire it downs itself.
/// <list type="bullet">
/// <item>Acquire is one compare-and-set: the row is taken when it is free, expired or already ours. Expiry is the
/// database's clock (<c>now()</c>), so the nodes' clocks need not agree. A lease held by another owner that expires
/// within the operation timeout is waited for and tried once more: the survivor of a crash must get it.</item>
/// <item>While held, a heartbeat extends the expiry every <c>heartbeat-interval</c>; a heartbeat that finds the row
/// no longer ours, or that cannot reach the database until the lease would have expired, reports the lease lost.</item>
/// <item><see cref="CheckLease"/> answers from memory: held, and the last confirmed expiry not yet passed.</item>
/// </list>
/// Configured under the lease's config path: <c>lease-class</c>, <c>heartbeat-timeout</c> (how long a crashed owner
/// keeps it), <c>heartbeat-interval</c>, <c>lease-operation-timeout</c>, <c>connection-string</c>, <c>schema-name</c>.
/// </summary>
public sealed class PostgreSqlLease : Lease
{
    private readonly string _connectionString;
    private readonly string _table;
    private readonly ILoggingAdapter _log;
    private readonly object _gate = new();
    private CancellationTokenSource? _heartbeat;

    // Monotonic time (Environment.TickCount64) until which the lease is known to be ours; 0 when not held.
    private long _heldUntil;

    public PostgreSqlLease(LeaseSettings settings, ActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(system);
        _connectionString = settings.LeaseConfig.GetString("connection-string", null)
            ?? throw new ArgumentException("The lease needs a connection-string.", nameof(settings));
        var schema = settings.LeaseConfig.GetString("schema-name", "public");
        _table = $"\"{schema}\".\"akka_lease\"";
        _log = Logging.GetLogger(system, typeof(PostgreSqlLease));
    }

    private TimeSpan Timeout => Settings.TimeoutSettings.HeartbeatTimeout;

    private TimeSpan Interval => Settings.TimeoutSettings.HeartbeatInterval;

    private TimeSpan OperationTimeout => Settings.TimeoutSettings.OperationTimeout;

    public override Task<bool> Acquire() => Acquire(_ => { });

    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        ArgumentNullException.ThrowIfNull(leaseLostCallback);
        using var cts = new CancellationTokenSource(OperationTimeout);
        try
        {
            await EnsureTableAsync(cts.Token);
            var remaining = await TryTakeAsync(cts.Token);
            if (remaining is { } wait && wait <= OperationTimeout)
            {
                _log.Info("Lease {0} is held by another owner for {1:0.0} s more: waiting for it to expire", Settings.LeaseName, wait.TotalSeconds);
                await Task.Delay(wait + TimeSpan.FromMilliseconds(100), cts.Token);
                remaining = await TryTakeAsync(cts.Token);
            }

            if (remaining is not null)
            {
                _log.Warning("Lease {0} is held by another owner: not acquired by {1}", Settings.LeaseName, Settings.OwnerName);
                return false;
            }
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            _log.Warning("Lease {0} could not be acquired: {1}", Settings.LeaseName, e.Message);
            return false;
        }

        _log.Info("Lease {0} acquired by {1}", Settings.LeaseName, Settings.OwnerName);
        StartHeartbeat(leaseLostCallback);
        return true;
    }

    public override async Task<bool> Release()
    {
        StopHeartbeat();
        using var cts = new CancellationTokenSource(OperationTimeout);
        try
        {
            await ExecuteAsync($"DELETE FROM {_table} WHERE name = @name AND owner = @owner", cts.Token);
            _log.Info("Lease {0} released by {1}", Settings.LeaseName, Settings.OwnerName);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Not released: it expires on its own after the heartbeat timeout.
            _log.Warning("Lease {0} could not be released: {1}", Settings.LeaseName, e.Message);
            return false;
        }
    }

    public override bool CheckLease() => Interlocked.Read(ref _heldUntil) > Environment.TickCount64;

    /// <summary>Takes the row when it is free, expired or ours; otherwise returns how long its owner still holds it.</summary>
    private async Task<TimeSpan?> TryTakeAsync(CancellationToken ct)
    {
        var started = Environment.TickCount64;
        await using var connection = await OpenAsync(ct);
        await using var take = Command(connection, $"""
            INSERT INTO {_table} (name, owner, expires_at) VALUES (@name, @owner, now() + @timeout)
            ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
            WHERE {_table}.owner = EXCLUDED.owner OR {_table}.expires_at < now()
            """);
        if (await take.ExecuteNonQueryAsync(ct) == 1)
        {
            Confirmed(started);
            return null;
        }

        await using var held = Command(connection, $"SELECT greatest(extract(epoch FROM expires_at - now()), 0) FROM {_table} WHERE name = @name");
        var seconds = await held.ExecuteScalarAsync(ct);
        return seconds is decimal or double ? TimeSpan.FromSeconds(Convert.ToDouble(seconds, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.Zero;
    }

    private void StartHeartbeat(Action<Exception> lost)
    {
        var cts = new CancellationTokenSource();
        lock (_gate)
        {
            _heartbeat?.Cancel();
            _heartbeat = cts;
        }

        _ = Task.Run(() => HeartbeatAsync(lost, cts.Token));
    }

    private void StopHeartbeat()
    {
        lock (_gate)
        {
            _heartbeat?.Cancel();
            _heartbeat = null;
        }

        Interlocked.Exchange(ref _heldUntil, 0);
    }

    private async Task HeartbeatAsync(Action<Exception> lost, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await NextAsync(timer, ct))
        {
            var started = Environment.TickCount64;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(OperationTimeout);
                var extended = await ExecuteAsync(
                    $"UPDATE {_table} SET expires_at = now() + @timeout WHERE name = @name AND owner = @owner", attempt.Token);
                if (extended == 1)
                {
                    Confirmed(started);
                    continue;
                }

                Lost(lost, new LeaseException($"Lease {Settings.LeaseName} was taken over by another owner."));
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is NpgsqlException or OperationCanceledException or TimeoutException)
            {
                if (!CheckLease())
                {
                    Lost(lost, new LeaseException($"Lease {Settings.LeaseName} expired while the database could not be reached: {e.Message}"));
                    return;
                }

                _log.Warning("Lease {0} heartbeat failed, retrying: {1}", Settings.LeaseName, e.Message);
            }
        }
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Lost(Action<Exception> lost, Exception reason)
    {
        Interlocked.Exchange(ref _heldUntil, 0);
        _log.Warning("{0}", reason.Message);
        lost(reason);
    }

    // The expiry counts from before the statement was sent: the database's expiry is at least that late.
    private void Confirmed(long startedTicks) => Interlocked.Exchange(ref _heldUntil, startedTicks + (long)Timeout.TotalMilliseconds);

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE TABLE IF NOT EXISTS {_table} (name text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL)";
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Both nodes created it at the same moment.
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("name", Settings.LeaseName);
        command.Parameters.AddWithValue("owner", Settings.OwnerName);
        command.Parameters.AddWithValue("timeout", Timeout);
        return command;
    }
}
