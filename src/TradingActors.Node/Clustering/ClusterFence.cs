using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace TradingActors.Node.Clustering;

/// <summary>
/// Keeps a node that was frozen (SIGSTOP, a VM pause, a stop-the-world stall) from acting on what it no longer owns
/// when it wakes. While it was frozen the other node may have taken the lease, downed it and recovered its
/// positions; until this node hears of that, its own timers fire and its entities would journal and send orders.
/// <para>
/// A watchdog thread ticks every 100 ms. The fence is closed when the last tick is older than <c>max-pause</c> (the
/// first moments after a wake, before anything else can be trusted), and after such a gap until the failure
/// detector has had <c>settle</c> to judge the other members: the node must then be Up with every member reachable.
/// A member found unreachable after a gap means this node may have been declared dead: the fence stays closed for
/// good and the node downs itself. Journal writes (<see cref="FencedSqlJournal"/>) and orders (<see cref="FencedExchange"/>)
/// go through the fence; reads do not.
/// </para>
/// Enabled in cluster mode (<c>trading-actors.cluster.fence.enabled</c>); a single node has no one to defer to.
/// </summary>
public sealed class ClusterFence : IExtension, IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly ExtendedActorSystem _system;
    private readonly ILoggingAdapter _log;
    private readonly TimeSpan _maxPause;
    private readonly TimeSpan _settle;
    private readonly Thread? _watchdog;
    private readonly CancellationTokenSource _stop = new();
    private long _lastTick = Environment.TickCount64;
    private long _gapAt = long.MinValue / 2;
    private volatile bool _suspect;
    private volatile string? _closedForGood;

    public ClusterFence(ExtendedActorSystem system)
    {
        _system = system;
        _log = Logging.GetLogger(system, typeof(ClusterFence));
        var config = system.Settings.Config.GetConfig("trading-actors.cluster.fence");
        Enabled = config?.GetBoolean("enabled", false) ?? false;
        _maxPause = config?.GetTimeSpan("max-pause", TimeSpan.FromSeconds(3)) ?? TimeSpan.FromSeconds(3);
        _settle = config?.GetTimeSpan("settle", TimeSpan.FromSeconds(6)) ?? TimeSpan.FromSeconds(6);
        if (Enabled)
        {
            _watchdog = new Thread(Watch) { IsBackground = true, Name = "cluster-fence" };
            _watchdog.Start();
            system.RegisterOnTermination(Dispose);
        }
    }

    public bool Enabled { get; }

    public static ClusterFence Get(ActorSystem system) => system.WithExtension<ClusterFence, ClusterFenceProvider>();

    /// <summary>Null when the node may write and send; otherwise why not.</summary>
    public string? ClosedBecause()
    {
        if (!Enabled)
        {
            return null;
        }

        if (_closedForGood is { } reason)
        {
            return reason;
        }

        var now = Environment.TickCount64;
        var sinceTick = now - Interlocked.Read(ref _lastTick);
        if (sinceTick > _maxPause.TotalMilliseconds)
        {
            return $"the node was paused for {sinceTick} ms";
        }

        return _suspect ? "the node was paused and has not yet confirmed its membership" : null;
    }

    /// <summary>Throws when the fence is closed: the caller must neither write nor send.</summary>
    public void Check()
    {
        if (ClosedBecause() is { } reason)
        {
            throw new FencedException(reason);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Watch()
    {
        while (!_stop.IsCancellationRequested)
        {
            Thread.Sleep(Tick);
            var now = Environment.TickCount64;
            var gap = now - Interlocked.Exchange(ref _lastTick, now);
            try
            {
                Judge(now, gap);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    private void Judge(long now, long gap)
    {
        var cluster = Akka.Cluster.Cluster.Get(_system);

        // A stall while the node starts (a loaded machine compiling and recovering) is no pause of a member: it owns nothing yet.
        if (gap > _maxPause.TotalMilliseconds && cluster.SelfMember.Status == MemberStatus.Up)
        {
            _gapAt = now;
            if (!_suspect)
            {
                _suspect = true;
                _log.Warning("The node was paused for {0} ms: no journal writes and no orders until its membership is confirmed", gap);
            }

            return;
        }

        if (!_suspect || _closedForGood is not null)
        {
            return;
        }

        var state = cluster.State;
        if (!state.Unreachable.IsEmpty)
        {
            _closedForGood = "the node was paused and then lost sight of other members: it may have been downed";
            _log.Error("{0}; it sends nothing more and downs itself (restart it to rejoin)", _closedForGood);
            cluster.Down(cluster.SelfAddress);
            return;
        }

        if (now - _gapAt >= _settle.TotalMilliseconds && cluster.SelfMember.Status == MemberStatus.Up)
        {
            _suspect = false;
            _log.Info("Membership confirmed after the pause: journal writes and orders resume");
        }
    }

    private sealed class ClusterFenceProvider : ExtensionIdProvider<ClusterFence>
    {
        public override ClusterFence CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
