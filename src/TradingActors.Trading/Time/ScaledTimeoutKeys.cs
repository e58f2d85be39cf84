namespace TradingActors.Trading.Time;

/// <summary>
/// Akka's timeouts that run on the scheduler and guard real work (I/O, a round trip, a restart backoff): on a clock
/// sped up N times they would fire after a N-th of their wall time, so <see cref="TradingClock.ScaledTimeouts"/>
/// multiplies them by N. Defaults are those of Akka 1.5.75's reference configs.
/// </summary>
/// <remarks>
/// Left alone on purpose: <c>circuit-breaker.call-timeout</c> (a <c>Task.WaitAsync</c> on the wall clock, not the
/// scheduler), ask timeouts (wall-clock <c>CancellationTokenSource</c>s), the failure detector's
/// <c>acceptable-heartbeat-pause</c> (compared with the wall clock), and business times such as
/// <c>passivate-idle-entity-after</c> or <c>rebalance-interval</c>, which may run in virtual time.
/// </remarks>
internal static class ScaledTimeoutKeys
{
    public static IReadOnlyList<(string Path, TimeSpan Default)> All { get; } =
    [
        // Eventsourced.RecoveryStarted: a RecoveryTick scheduled once per recovery; when it fires before the journal
        // answers, recovery fails ("Recovery timed out").
        ("akka.persistence.journal-plugin-fallback.recovery-event-timeout", TimeSpan.FromSeconds(30)),
        // CircuitBreaker's open state schedules its half-open attempt on the scheduler.
        ("akka.persistence.journal-plugin-fallback.circuit-breaker.reset-timeout", TimeSpan.FromSeconds(30)),
        ("akka.persistence.snapshot-store-plugin-fallback.circuit-breaker.reset-timeout", TimeSpan.FromSeconds(60)),

        // Shard: loading remembered entity ids ("Failed to load initial entity ids ... within"); coordinator: writing
        // a new shard to the remember-entities store.
        ("akka.cluster.sharding.updating-state-timeout", TimeSpan.FromSeconds(5)),
        // Coordinator: loading remembered shards; Shard: storing entity starts and stops.
        ("akka.cluster.sharding.waiting-for-state-timeout", TimeSpan.FromSeconds(2)),
        // Coordinator: resends HostShard when a region has not acknowledged the shard's start.
        ("akka.cluster.sharding.shard-start-timeout", TimeSpan.FromSeconds(10)),
        // Region and coordinator: deadline for handing a shard off (stopping its entities).
        ("akka.cluster.sharding.handoff-timeout", TimeSpan.FromSeconds(60)),
        // Region: retries registering with the coordinator; RememberEntityStarter: resends unacknowledged starts.
        ("akka.cluster.sharding.retry-interval", TimeSpan.FromSeconds(2)),
        // Shard: backoff before restarting a remembered entity that stopped without passivating.
        ("akka.cluster.sharding.entity-restart-backoff", TimeSpan.FromSeconds(10)),
        // Region: backoff before restarting a shard that stopped (e.g. after a failed remember-entities load).
        ("akka.cluster.sharding.shard-failure-backoff", TimeSpan.FromSeconds(10)),
        // Backoff supervisor of the coordinator singleton.
        ("akka.cluster.sharding.coordinator-failure-backoff", TimeSpan.FromSeconds(5)),

        // Joining: deadline for the seed nodes' InitJoin replies, and for retrying an unanswered join.
        ("akka.cluster.seed-node-timeout", TimeSpan.FromSeconds(5)),
        ("akka.cluster.retry-unsuccessful-join-after", TimeSpan.FromSeconds(10)),
        // Heartbeats are sent on the scheduler but judged on the wall clock: scaled, they keep their wall cadence.
        ("akka.cluster.failure-detector.heartbeat-interval", TimeSpan.FromSeconds(1)),
        ("akka.cluster.failure-detector.expected-response-after", TimeSpan.FromSeconds(1)),

        // CoordinatedShutdown times every phase with the scheduler ("phase [...] timed out"); the region's graceful
        // shutdown uses its phase's timeout too.
        ("akka.coordinated-shutdown.default-phase-timeout", TimeSpan.FromSeconds(5)),
        ("akka.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout", TimeSpan.FromSeconds(10)),
        ("akka.coordinated-shutdown.phases.cluster-exiting.timeout", TimeSpan.FromSeconds(10)),
        ("akka.coordinated-shutdown.phases.actor-system-terminate.timeout", TimeSpan.FromSeconds(10)),
    ];
}
