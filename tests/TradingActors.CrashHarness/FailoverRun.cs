using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TradingActors.TestSupport;

namespace TradingActors.CrashHarness;

/// <summary>
/// The two-node cluster under fire: a private PostgreSQL, the standalone simulator and two node processes in cluster
/// mode. Positions are opened on both nodes (manual opens, and the example strategies trade too), then one node at a
/// time is SIGKILLed at a random moment, alternating the oldest (singletons, coordinators) and the youngest, and
/// started again. After each kill: every position the dead node held answers on the survivor (timed from the kill),
/// every futures position has its stop on the exchange at every check while that happens, no order was executed
/// twice, every accepted position is still listed, and the restarted node rejoins and is given shards again.
/// <see cref="FreezeAsync"/> instead freezes a node (SIGSTOP) past its lease, has the survivor act, and wakes it.
/// </summary>
public sealed class FailoverRun : IAsyncDisposable
{
    public static readonly TimeSpan AnswerGoal = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly int _seed;
    private readonly Action<string> _log;
    private readonly Executables _executables;
    private readonly Random _random;
    private readonly string _work;
    private readonly bool _keep;
    private readonly string _token = "failover-" + Guid.NewGuid().ToString("N");
    private readonly HashSet<string> _accepted = new(StringComparer.Ordinal);
    private readonly List<Violation> _violations = [];
    private readonly ClusterNode[] _nodes = new ClusterNode[2];
    private PostgreSqlServer? _postgres;
    private ChildProcess? _simulatorProcess;
    private SimulatorApi? _simulator;

    public FailoverRun(int seed, Action<string> log, bool keep = false, Executables? executables = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _seed = seed;
        _log = log;
        _keep = keep;
        _executables = executables ?? Executables.Locate();
        _random = new Random(seed);
        _work = Path.Combine(Path.GetTempPath(), $"ta-failover-{seed}-{Guid.NewGuid():N}"[..42]);
        Directory.CreateDirectory(_work);
    }

    /// <summary>Kills a node <paramref name="kills"/> times; answers the time from each kill to the dead node's positions answering.</summary>
    public async Task<FailoverReport> RunAsync(int kills, CancellationToken ct = default)
    {
        _log($"failover run seed {_seed}; {kills} kills; work directory {_work}");
        await StartClusterAsync(ct);
        var answers = new List<TimeSpan>();
        var shardsBack = 0;
        for (var kill = 1; kill <= kills; kill++)
        {
            var (oldest, youngest) = await OldestAndYoungestAsync(ct);
            var victim = kill % 2 == 1 ? oldest : youngest;
            var survivor = _nodes[1 - victim.Index];
            var open = await survivor.Api.PositionsAsync("open", ct);
            var delay = _random.Next(3000);
            await Task.Delay(delay, ct);
            await victim.Process!.KillAsync();
            var killed = Stopwatch.StartNew();
            var answered = await AllAnswerAsync(survivor, open, kill, ct);
            var answer = killed.Elapsed;
            answers.Add(answer);

            var restart = Stopwatch.StartNew();
            await StartNodeAsync(victim, ct);
            await MembersUpAsync(survivor, 2, ct);
            var back = await TakesShardsAsync(victim, ct);
            shardsBack += back ? 1 : 0;
            var found = await ObserveAsync(survivor, ct);
            _violations.AddRange(found);
            _log(string.Create(CultureInfo.InvariantCulture,
                $"kill {kill}/{kills}: {(victim == oldest ? "oldest" : "youngest")} node {victim.Index + 1} killed {delay} ms into the point; {open.Count} open positions {(answered ? "answered" : "did NOT all answer")} on node {survivor.Index + 1} after {answer.TotalSeconds:F1} s; rejoined in {restart.Elapsed.TotalSeconds:F1} s, {(back ? "took shards back" : "no shards back yet")}; violations {found.Count}"));
            foreach (var violation in found)
            {
                _log($"  VIOLATION kill {kill}: {violation}");
            }
        }

        var ledger = await _simulator!.LedgerAsync(ct);
        return new FailoverReport(_seed, kills, answers, shardsBack, ledger.Count(r => r.Action == "NEW" && r.Executed), _accepted.Count, _violations);
    }

    /// <summary>
    /// Freezes the node that holds positions with SIGSTOP until the survivor has taken them over (past the lease), has
    /// the survivor close one and move another's stop, then wakes the frozen node with SIGCONT. Answers what the
    /// exchange's ledger recorded after the wake-up, and whether the woken node left the cluster (its process exited).
    /// </summary>
    public async Task<FreezeReport> FreezeAsync(CancellationToken ct = default)
    {
        _log($"frozen-node run seed {_seed}; work directory {_work}");
        await StartClusterAsync(ct, strategies: false);
        var frozen = await HolderOfPositionsAsync(ct);
        var survivor = _nodes[1 - frozen.Index];
        var open = (await survivor.Api.PositionsAsync("open", ct)).Where(p => p.IsFutures).ToList();
        Signal(frozen, "STOP");
        var frozenAt = Stopwatch.StartNew();
        await MembersUpAsync(survivor, 1, ct);
        await AllAnswerAsync(survivor, open, 0, ct);
        _log($"node {frozen.Index + 1} frozen; node {survivor.Index + 1} alone after {frozenAt.Elapsed.TotalSeconds:F1} s and answers for its {open.Count} positions");

        var close = open[0];
        var move = open[1];
        Expect(await survivor.Api.PostAsync($"positions/{close.Id}/close", null, ct), "close");
        var newStop = Math.Round(move.StopPrice!.Value * 0.99m, 1);

        // A position just recovered may still be re-arming its stop ("a stop change is in progress"): ask again.
        await Eventually.ThatAsync(
            async () => (await survivor.Api.PostAsync($"positions/{move.Id}/stop", new { stopPrice = newStop }, ct)).Status is 200 or 202,
            "the survivor did not accept the stop move",
            TimeSpan.FromSeconds(30));
        await Eventually.ThatAsync(
            async () => (await survivor.Api.PositionsAsync("all", ct)) is var all
                && all.Any(p => p.Id == close.Id && p.State == "Closed") && all.Any(p => p.Id == move.Id && p.StopPrice == newStop),
            "the survivor did not close one position and move the other's stop",
            TimeSpan.FromSeconds(60));
        var before = (await _simulator!.LedgerAsync(ct)).Max(r => r.Sequence);

        Signal(frozen, "CONT");
        var woke = Stopwatch.StartNew();
        var exited = false;
        while (woke.Elapsed < TimeSpan.FromSeconds(45) && !(exited = frozen.Process!.HasExited))
        {
            await Task.Delay(Poll, ct);
        }

        var after = (await _simulator.LedgerAsync(ct)).Where(r => r.Sequence > before).ToList();
        var violations = await ObserveAsync(survivor, ct);
        _log($"node {frozen.Index + 1} woken: {(exited ? $"left the cluster and exited after {woke.Elapsed.TotalSeconds:F1} s" : "still running")}; ledger since the wake-up: {after.Count} rows");
        return new FreezeReport(frozenAt.Elapsed, exited, after, violations, await File.ReadAllTextAsync(frozen.LogPath, ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => n is not null))
        {
            node.Api.Dispose();
            if (node.Process is { } process)
            {
                Signal(node, "CONT");
                await process.DisposeAsync();
            }
        }

        _simulator?.Dispose();
        if (_simulatorProcess is not null)
        {
            await _simulatorProcess.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (!_keep)
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

    private async Task StartClusterAsync(CancellationToken ct, bool strategies = true)
    {
        _postgres = await PostgreSqlServer.StartAsync();
        var simulatorPort = ChildProcess.FreePort();
        _simulatorProcess = ChildProcess.Start(
            _executables.SimulatorDll,
            ["--port", simulatorPort.ToString(CultureInfo.InvariantCulture), "--seed", _seed.ToString(CultureInfo.InvariantCulture), "--symbols", "BTCUSDT,ETHUSDT"],
            Path.Combine(_work, "simulator.log"));
        _simulator = new SimulatorApi(new Uri($"http://127.0.0.1:{simulatorPort}/"));
        var simulator = _simulator;
        await Eventually.ThatAsync(() => simulator.IsUpAsync(ct), "the simulator did not start", TimeSpan.FromSeconds(60));

        var remote = new[] { ChildProcess.FreePort(), ChildProcess.FreePort() };
        var seeds = string.Join(",", remote.Select(p => $"127.0.0.1:{p}"));
        for (var i = 0; i < 2; i++)
        {
            var management = ChildProcess.FreePort();
            string[] arguments =
            [
                "--mode", "cluster", "--data-dir", Path.Combine(_work, $"node{i + 1}"), "--port", management.ToString(CultureInfo.InvariantCulture),
                "--cluster-port", remote[i].ToString(CultureInfo.InvariantCulture), "--seeds", seeds,
                "--set", $"trading-actors.node.simulator-url={_simulator.BaseAddress}",
                "--set", $"trading-actors.persistence.postgresql.connection-string={_postgres.ConnectionString}",
                "--set", $"trading-actors.node.management.token={_token}",
                "--set", "trading-actors.node.status-interval=0",
                .. strategies ? Array.Empty<string>() : ["--set", "trading-actors.strategies.btc-trend.enabled=false", "--set", "trading-actors.strategies.eth-dip.enabled=false"],
            ];
            _nodes[i] = new ClusterNode(i, arguments, new NodeApi(management, _token), Path.Combine(_work, $"node{i + 1}.log"));
            await StartNodeAsync(_nodes[i], ct);
        }

        await MembersUpAsync(_nodes[0], 2, ct);
        await OpenAsync(_nodes[0], "futures", "ETHUSDT", 0.1m, ct);
        await OpenAsync(_nodes[1], "spot", "BTCUSDT", 0.002m, ct);
        if (!strategies)
        {
            // Futures BTCUSDT is the example trend strategy's market; without strategies it is opened by hand.
            await OpenAsync(_nodes[1], "futures", "BTCUSDT", 0.01m, ct);
        }
    }

    private async Task StartNodeAsync(ClusterNode node, CancellationToken ct)
    {
        if (node.Process is not null)
        {
            await node.Process.DisposeAsync();
        }

        node.Process = ChildProcess.Start(_executables.NodeDll, node.Arguments, node.LogPath);
        var process = node.Process;
        await Eventually.ThatAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"node {node.Index + 1} exited during start; its log ends with:\n{string.Join('\n', File.ReadLines(node.LogPath).TakeLast(15))}")
                : await node.Api.IsReadyAsync(ct),
            () => $"node {node.Index + 1} was not ready: {node.Api.LastNotReady}",
            TimeSpan.FromSeconds(90));
    }

    private async Task OpenAsync(ClusterNode node, string market, string symbol, decimal quantity, CancellationToken ct)
    {
        var mid = await _simulator!.MidAsync(symbol, market == "futures", ct);
        var body = new { market, symbol, side = "long", quantity, stopPrice = Math.Round(mid * 0.9m, 1), policy = "market" };
        var (status, answer) = await node.Api.PostAsync("positions", body, ct);
        if (status != (int)HttpStatusCode.Accepted || JsonNode.Parse(answer)?["id"]?.GetValue<string>() is not { } id)
        {
            throw new InvalidOperationException($"open {market} {symbol} on node {node.Index + 1} answered {status} {answer}");
        }

        _accepted.Add(id);
        await Eventually.ThatAsync(
            async () => (await node.Api.PositionsAsync("open", ct)).Any(p => p.Id == id && p.State == "Active" && p.Protections is { Count: > 0 }),
            $"position {id} did not become Active and protected",
            TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Asks the survivor for each position until every one answers; at every round the exchange must hold a stop for
    /// every futures position it carries (the dead node's positions are protected while their entities move).
    /// </summary>
    private async Task<bool> AllAnswerAsync(ClusterNode survivor, IReadOnlyList<NodePosition> positions, int kill, CancellationToken ct)
    {
        var waiting = positions.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var started = Stopwatch.StartNew();
        while (waiting.Count > 0 && started.Elapsed < Deadline)
        {
            var (algos, _) = await _simulator!.OpenOrdersAsync(ct);
            var exposure = await _simulator.FuturesPositionsAsync(ct);
            foreach (var bare in exposure.Where(p => p.PositionAmt != 0m && !algos.Any(a => a.Symbol == p.Symbol && a.OrderType.Contains("STOP", StringComparison.Ordinal))))
            {
                _violations.Add(new Violation("unprotected-during-failover", bare.Symbol, $"kill {kill}: {bare.PositionAmt} {bare.Symbol} on the exchange without a stop {started.Elapsed.TotalSeconds:F1} s after the kill"));
            }

            var answers = await Task.WhenAll(waiting.Select(async id => (id, ok: (await survivor.Api.GetAsync($"positions/{id}", ct)).Status == 200)));
            waiting.ExceptWith(answers.Where(a => a.ok).Select(a => a.id));
            if (waiting.Count > 0)
            {
                await Task.Delay(Poll, ct);
            }
        }

        return waiting.Count == 0;
    }

    private async Task<bool> TakesShardsAsync(ClusterNode node, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var region in new[] { "position-futures", "position-spot", "intent-futures", "intent-spot", "strategy" })
            {
                var (status, body) = await node.Api.GetAsync($"cluster/shards/{region}", ct);
                if (status == 200 && JsonNode.Parse(body)?["regions"]?.AsArray().Count > 0)
                {
                    return true;
                }
            }

            await Task.Delay(Poll * 4, ct);
        }

        return false;
    }

    private async Task<(ClusterNode Oldest, ClusterNode Youngest)> OldestAndYoungestAsync(CancellationToken ct)
    {
        var (_, body) = await _nodes[0].Api.GetAsync("cluster/members", ct);
        var oldest = JsonNode.Parse(body)?["oldest"]?.GetValue<string>() ?? string.Empty;
        var first = oldest.EndsWith(":" + _nodes[0].RemotePort, StringComparison.Ordinal) ? _nodes[0] : _nodes[1];
        return (first, _nodes[1 - first.Index]);
    }

    private async Task MembersUpAsync(ClusterNode node, int count, CancellationToken ct) =>
        await Eventually.ThatAsync(
            async () =>
            {
                var (status, body) = await node.Api.GetAsync("cluster/members", ct);
                return status == 200 && JsonNode.Parse(body)?["members"]?.AsArray().Count(m => m?["status"]?.GetValue<string>() == "Up") == count
                    && JsonNode.Parse(body)?["members"]?.AsArray().Count == count;
            },
            $"node {node.Index + 1} did not see {count} members Up",
            Deadline);

    /// <summary>A node that holds at least one futures position's entity (found from its shard statistics).</summary>
    private async Task<ClusterNode> HolderOfPositionsAsync(CancellationToken ct)
    {
        foreach (var node in _nodes)
        {
            var (_, body) = await node.Api.GetAsync("cluster/shards/position-futures", ct);
            if (JsonNode.Parse(body)?["regions"]?.AsArray().Any(r => r?["numEntities"]?.GetValue<int>() > 0) == true)
            {
                return node;
            }
        }

        throw new InvalidOperationException("No node holds a futures position.");
    }

    private async Task<IReadOnlyList<Violation>> ObserveAsync(ClusterNode node, CancellationToken ct)
    {
        var (algos, orders) = await _simulator!.OpenOrdersAsync(ct);
        var observation = new Observation(
            await _simulator.LedgerAsync(ct), await _simulator.FuturesPositionsAsync(ct), algos, await node.Api.PositionsAsync("all", ct), _accepted, orders, null);
        return InvariantChecker.Check(observation).Where(v => !v.IsWarning).ToList();
    }

    private static void Expect((int Status, string Body) answer, string what)
    {
        if (answer.Status != (int)HttpStatusCode.Accepted && answer.Status != (int)HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{what} answered {answer.Status} {answer.Body}");
        }
    }

    private static void Signal(ClusterNode node, string signal)
    {
        if (node.Process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private sealed class ClusterNode(int index, string[] arguments, NodeApi api, string logPath)
    {
        public int Index { get; } = index;

        public string[] Arguments { get; } = arguments;

        public NodeApi Api { get; } = api;

        public string LogPath { get; } = logPath;

        public string RemotePort => Arguments[Array.IndexOf(Arguments, "--cluster-port") + 1];

        public ChildProcess? Process { get; set; }
    }
}

/// <summary>What a failover run measured and found.</summary>
public sealed record FailoverReport(
    int Seed, int Kills, IReadOnlyList<TimeSpan> AnswerTimes, int ShardsTakenBack, int Orders, int PositionsAccepted, IReadOnlyList<Violation> Violations)
{
    public TimeSpan Median => AnswerTimes.Order().ElementAt(AnswerTimes.Count / 2);

    public TimeSpan Max => AnswerTimes.Max();

    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"failover summary: seed {Seed}, {Kills} kills, {Orders} orders executed, {PositionsAccepted} manual positions accepted");
        text.AppendLine(c, $"  dead node's positions answering on the survivor: median {Median.TotalSeconds:F1} s, max {Max.TotalSeconds:F1} s, {AnswerTimes.Count(t => t <= FailoverRun.AnswerGoal)}/{Kills} within {FailoverRun.AnswerGoal.TotalSeconds:F0} s");
        text.AppendLine(c, $"  restarted node given shards again: {ShardsTakenBack}/{Kills}");
        text.Append(c, $"  violations: {Violations.Count}");
        foreach (var violation in Violations)
        {
            text.AppendLine().Append("    ").Append(violation);
        }

        return text.ToString();
    }
}

/// <summary>What the frozen-node run saw after the wake-up.</summary>
public sealed record FreezeReport(TimeSpan TakeOver, bool WokenNodeExited, IReadOnlyList<LedgerRow> LedgerAfterWake, IReadOnlyList<Violation> Violations, string WokenNodeLog);
