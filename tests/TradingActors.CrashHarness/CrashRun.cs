using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TradingActors.CrashHarness;

/// <summary>
/// One crash-harness run: a standalone simulator (the exchange, which survives every crash) and a paper node against
/// it, both child processes. At each kill point the harness sends one management request (open, move stop, close),
/// SIGKILLs the node a random moment later, restarts it on the same journal, asks for reconciliation, waits until no
/// position is pending, and checks invariants 1-4. Disposing kills both children and deletes the work directory.
/// </summary>
public sealed class CrashRun : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RecheckWindow = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SlowStart = TimeSpan.FromSeconds(10);
    private static readonly string[] SummaryCounts = ["matched", "adopted", "cancelled", "closed", "corrected", "rearmed", "alerts"];
    private readonly HarnessOptions _options;
    private readonly Action<string> _log;
    private readonly Executables _executables;
    private readonly string _work;
    private readonly string _token = "crash-harness-" + Guid.NewGuid().ToString("N");
    private readonly Random _random;
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stuck = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ViolationRecord> _violations = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _restarts = [];
    private readonly Dictionary<string, long> _reconciled = new(StringComparer.Ordinal);
    private ChildProcess? _simulatorProcess;
    private SimulatorApi? _simulator;
    private ChildProcess? _nodeProcess;
    private NodeApi? _node;
    private string _reconcile = "not asked yet";
    private bool _reconcileMissing;

    public CrashRun(HarnessOptions options, Action<string> log, Executables? executables = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _log = log;
        _executables = executables ?? Executables.Locate();
        _random = new Random(options.Seed);
        _work = Path.Combine(Path.GetTempPath(), $"ta-crash-{options.Seed}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path.Combine(_work, "data"));
    }

    public string WorkDirectory => _work;

    public async Task<HarnessReport> RunAsync(CancellationToken ct = default)
    {
        _log($"crash harness seed {_options.Seed} (replay: --seed {_options.Seed} or {HarnessOptions.SeedVariable}={_options.Seed}); {_options.Kills} kill points; work directory {_work}");
        var run = Stopwatch.StartNew();
        await StartSimulatorAsync(ct);
        await StartNodeAsync(ct);

        // /ready does not wait for the first quotes, and an open without a price is refused (503): let them arrive.
        Record(0, await SettleAsync(0, ct));
        var planner = new ActionPlanner(_random, _options.Seed, _options.SlowPolicyShare);
        var killPoints = new List<TimeSpan>();
        for (var kill = 1; kill <= _options.Kills; kill++)
        {
            var point = Stopwatch.StartNew();
            await KillPointAsync(kill, planner, ct);
            killPoints.Add(point.Elapsed);
        }

        var ledger = await _simulator!.LedgerAsync(ct);
        var listed = await _node!.PositionsAsync("all", ct);
        return new HarnessReport(
            _options.Seed, _options.Kills, ledger.Count(r => r.Action == "NEW" && r.Executed), _accepted.Count, listed.Count,
            [.. _violations.Values.Where(v => !v.Violation.IsWarning).OrderBy(v => v.FirstKill)],
            [.. _violations.Values.Where(v => v.Violation.IsWarning).OrderBy(v => v.FirstKill)],
            run.Elapsed,
            killPoints.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)killPoints.Average(t => t.Ticks)),
            killPoints.Count == 0 ? TimeSpan.Zero : killPoints.Max(),
            _restarts.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)_restarts.Average(t => t.Ticks)),
            _reconcile);
    }

    public async ValueTask DisposeAsync()
    {
        _node?.Dispose();
        _simulator?.Dispose();
        if (_nodeProcess is not null)
        {
            await _nodeProcess.DisposeAsync();
        }

        if (_simulatorProcess is not null)
        {
            await _simulatorProcess.DisposeAsync();
        }

        if (!_options.KeepWorkDirectory)
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException e)
            {
                _log($"could not delete {_work}: {e.Message}");
            }
        }
    }

    private async Task KillPointAsync(int kill, ActionPlanner planner, CancellationToken ct)
    {
        var open = await _node!.PositionsAsync("open", ct);
        var prices = new Dictionary<(string, bool), decimal>();
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            prices[(symbol, true)] = await _simulator!.MidAsync(symbol, futures: true, ct);
            prices[(symbol, false)] = await _simulator.MidAsync(symbol, futures: false, ct);
        }

        var action = planner.Next(open, (symbol, futures) => prices[(symbol, futures)]);
        var delay = _random.Next((int)_options.MaxKillDelay.TotalMilliseconds + 1);
        var before = (await _simulator!.LedgerAsync(ct)).Select(r => r.Sequence).DefaultIfEmpty(0).Max();
        var request = _node.PostAsync(action.Path, action.Body, ct);

        // The kill moment is the point of the harness, not a wait for a condition.
        await Task.Delay(delay, ct);
        await _nodeProcess!.KillAsync();

        // What reached the exchange between the request and the kill shows where in its sequence the node died.
        var reached = (await _simulator.LedgerAsync(ct)).Where(r => r.Sequence > before).Select(r => r.Action == "CANCEL" ? "cancel " + (r.Type ?? r.Endpoint.Split('/')[^1]) : r.Type).ToList();
        var (status, body) = await request;
        if (status == (int)HttpStatusCode.Accepted && action.OpensPositionId is { } id)
        {
            _accepted.Add(id);
        }

        var accepted = status == (int)HttpStatusCode.Accepted ? action.Command : null;

        var restart = Stopwatch.StartNew();
        await StartNodeAsync(ct);
        var ready = restart.Elapsed;
        _restarts.Add(ready);
        if (ready > SlowStart && _node!.LastNotReady is { } notReady)
        {
            _log($"  slow start ({ready.TotalSeconds:F1} s); /ready last said {notReady}");
        }

        var (reconcile, refused) = await ReconcileAsync(kill, ct);
        var settle = Stopwatch.StartNew();
        var pending = await SettleAsync(kill, ct);
        var settled = settle.Elapsed;
        var found = await ObserveAsync(accepted, ct);
        var all = refused.Concat(pending).Concat(found).ToList();
        var fresh = Record(kill, all);
        var answer = status == 0 ? "no answer" : $"{status}";
        _log(string.Create(CultureInfo.InvariantCulture,
            $"kill {kill}/{_options.Kills}: {action.Description}; killed {delay} ms after sending ({answer}) with [{string.Join(", ", reached)}] sent; ready in {ready.TotalSeconds:F1} s; reconcile {reconcile}; settled in {settled.TotalSeconds:F1} s; violations {all.Count} ({fresh.Count} new)"));
        foreach (var violation in fresh)
        {
            _log($"  {(violation.IsWarning ? "warning" : "VIOLATION")} seed {_options.Seed} kill {kill}: {violation}");
        }

        if (status is not (0 or 200 or 202 or 409))
        {
            _log($"  note: {action.Kind} answered {status} {body}");
        }
    }

    private async Task StartSimulatorAsync(CancellationToken ct)
    {
        var port = ChildProcess.FreePort();
        _simulatorProcess = ChildProcess.Start(
            _executables.SimulatorDll,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--seed", _options.Seed.ToString(CultureInfo.InvariantCulture), "--symbols", "BTCUSDT,ETHUSDT"],
            Path.Combine(_work, "simulator.log"));
        _simulator = new SimulatorApi(new Uri($"http://127.0.0.1:{port}/"));
        var simulator = _simulator;
        await WaitAsync(() => simulator.IsUpAsync(ct), () => _simulatorProcess.HasExited, _options.ReadyTimeout, "simulator", ct);
    }

    /// <summary>Starts the node on the run's data directory and a fresh port; a start that lost its port to a race is retried.</summary>
    private async Task StartNodeAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_nodeProcess is not null)
            {
                await _nodeProcess.DisposeAsync();
            }

            _node?.Dispose();
            var port = ChildProcess.FreePort();
            _nodeProcess = ChildProcess.Start(
                _executables.NodeDll,
                [
                    "--data-dir", Path.Combine(_work, "data"),
                    "--port", port.ToString(CultureInfo.InvariantCulture),
                    "--set", $"trading-actors.node.simulator-url={_simulator!.BaseAddress}",
                    "--set", $"trading-actors.node.management.token={_token}",
                    "--set", "trading-actors.node.status-interval=0",
                    "--set", "trading-actors.strategies.btc-trend.enabled=false",
                    "--set", "trading-actors.strategies.eth-dip.enabled=false",
                ],
                Path.Combine(_work, "node.log"));
            _node = new NodeApi(port, _token);
            var node = _node;
            var process = _nodeProcess;
            try
            {
                await WaitAsync(() => node.IsReadyAsync(ct), () => process.HasExited, _options.ReadyTimeout, "node", ct);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && process.HasExited)
            {
                _log($"  node exited during start (attempt {attempt}); retrying on another port");
            }
        }
    }

    private async Task<(string Text, IReadOnlyList<Violation> Problems)> ReconcileAsync(int kill, CancellationToken ct)
    {
        if (_reconcileMissing)
        {
            return ("skipped", []);
        }

        // A reconciler still busy with its start-up pass may answer 503 for a moment: ask again until the deadline.
        var deadline = Stopwatch.StartNew();
        var (status, body) = await _node!.PostAsync("reconcile", new { mode = "ALL", dryRun = false }, ct);
        while (status is 0 or (int)HttpStatusCode.ServiceUnavailable && deadline.Elapsed < _options.SettleTimeout)
        {
            await Task.Delay(PollInterval * 2, ct);
            (status, body) = await _node.PostAsync("reconcile", new { mode = "ALL", dryRun = false }, ct);
        }

        if (status == (int)HttpStatusCode.NotFound)
        {
            // The node predates the reconciler: the harness then only waits for the node to settle by itself.
            _reconcileMissing = true;
            _reconcile = "POST /reconcile answered 404 (no reconciler in this node); waited for the node to settle by itself";
            return ("404 (skipped from now on)", []);
        }

        if (status != (int)HttpStatusCode.OK)
        {
            return ($"failed {status}", [new Violation("reconcile-failed", $"kill {kill}", $"POST /reconcile answered {status}: {body}")]);
        }

        var text = Summarize(body);
        _reconcile = "POST /reconcile after every restart; totals " + string.Join(", ", SummaryCounts.Select(name => $"{name} {_reconciled.GetValueOrDefault(name)}"));
        return (text, []);
    }

    /// <summary>
    /// The summary's counts, added to the run's totals, and its findings other than "Matched" (the ones that say what
    /// the reconciler had to repair); the body as it came if it is not the expected shape.
    /// </summary>
    private string Summarize(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject summary)
            {
                return body;
            }

            var counts = new List<string>();
            foreach (var name in SummaryCounts)
            {
                var count = summary[name] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0;
                _reconciled[name] = _reconciled.GetValueOrDefault(name) + count;
                counts.Add($"{name} {count}");
            }

            var repairs = (summary["findings"] as JsonArray ?? [])
                .Where(f => f?["kind"]?.GetValue<string>() is { } kind && kind != "Matched")
                .Select(f => $"{f!["kind"]} {f["subject"]}: {f["detail"]}")
                .ToList();
            return string.Join(" ", counts) + (repairs.Count == 0 ? string.Empty : " [" + string.Join("; ", repairs) + "]");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return body.ReplaceLineEndings(" ");
        }
    }

    /// <summary>
    /// Polls the node's open positions until none is PendingEntry/PendingClosing for <see cref="HarnessOptions.SettleQuiet"/>.
    /// A position still pending at the deadline is a violation (nothing will settle it) and is not waited for again.
    /// </summary>
    private async Task<IReadOnlyList<Violation>> SettleAsync(int kill, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        Stopwatch? quiet = null;
        IReadOnlyList<NodePosition> pending = [];
        while (deadline.Elapsed < _options.SettleTimeout)
        {
            try
            {
                pending = [.. (await _node!.PositionsAsync("open", ct)).Where(p => p.IsPending && !_stuck.Contains(p.Id))];
            }
            catch (HttpRequestException)
            {
                pending = [new NodePosition("?", "?", "?", "?", "unreachable", 0m)];
            }

            if (pending.Count > 0)
            {
                quiet = null;
            }
            else if ((quiet ??= Stopwatch.StartNew()).Elapsed >= _options.SettleQuiet)
            {
                return [];
            }

            await Task.Delay(PollInterval, ct);
        }

        foreach (var position in pending)
        {
            _stuck.Add(position.Id);
        }

        return [.. pending.Select(p => new Violation(
            "stuck-pending", p.Id, $"{p.Market} {p.Symbol} still {p.State} {_options.SettleTimeout.TotalSeconds:F0} s after the restart at kill {kill}"))];
    }

    /// <summary>
    /// Reads both sides and checks the invariants. A stop or take profit firing between the reads shows as a transient
    /// mismatch, so a check that finds something new is repeated for a short while and only what persists is reported.
    /// </summary>
    private async Task<IReadOnlyList<Violation>> ObserveAsync(AcceptedCommand? accepted, CancellationToken ct)
    {
        var window = Stopwatch.StartNew();
        while (true)
        {
            var nodePositions = await _node!.PositionsAsync("all", ct);
            var (algos, orders) = await _simulator!.OpenOrdersAsync(ct);
            var observation = new Observation(
                await _simulator.LedgerAsync(ct), await _simulator.FuturesPositionsAsync(ct), algos, nodePositions, _accepted, orders, accepted);
            var violations = InvariantChecker.Check(observation);
            if (violations.All(v => _violations.ContainsKey(v.Key)) || window.Elapsed >= RecheckWindow)
            {
                return violations;
            }

            await Task.Delay(PollInterval * 5, ct);
        }
    }

    /// <summary>Adds the violations to the run's record; answers those not seen before.</summary>
    private List<Violation> Record(int kill, IReadOnlyList<Violation> violations)
    {
        var fresh = new List<Violation>();
        foreach (var violation in violations)
        {
            if (_violations.TryGetValue(violation.Key, out var seen))
            {
                _violations[violation.Key] = seen with { LastKill = kill, KillPoints = seen.KillPoints + 1 };
            }
            else
            {
                _violations[violation.Key] = new ViolationRecord(violation, kill, kill, 1);
                fresh.Add(violation);
            }
        }

        return fresh;
    }

    private static async Task WaitAsync(Func<Task<bool>> ready, Func<bool> died, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!await ready())
        {
            if (died())
            {
                throw new InvalidOperationException($"The {what} exited during start (see its log in the work directory).");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The {what} was not ready within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(PollInterval, ct);
        }
    }
}
