using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql;
using AkkaPersistence = Akka.Persistence.Persistence;
using AkkaProps = Akka.Actor.Props;
using AkkaSystem = Akka.Actor.ActorSystem;
using Countdown = TradingActors.Benchmarks.JournalBenchActor.Countdown;

namespace TradingActors.Benchmarks;

/// <summary>
/// Akka.Persistence.Sql on SQLite and on PostgreSQL, each figure beside the raw SQL baseline on the same database in
/// the same run: writes beside a batched INSERT, recoveries beside a sequential SELECT of the same rows. The journal
/// runs on the plugin's defaults (batch-size 100, parallelism 3, replay-batch-size 1000).
/// </summary>
public sealed class AkkaJournalBenchmarkSuite : IBenchmarkSuite
{
    private const int BatchSize = 100;
    private const int EventsPerActor = 20;
    private const int EventsPerRecoveredId = 100;
    private static readonly byte[] RawPayload = new byte[100];

    public string Name => "journal";

    public async Task RunAsync(BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (var sqlite = await SqliteBenchDatabase.CreateAsync())
        {
            await RunAsync(context, sqlite);
        }

        PostgreSqlBenchDatabase postgres;
        try
        {
            postgres = await PostgreSqlBenchDatabase.StartAsync();
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"\nPostgreSQL skipped: {e.Message}");
            return;
        }

        await using (postgres)
        {
            await RunAsync(context, postgres);
        }
    }

    private static async Task RunAsync(BenchmarkContext context, SqlBenchDatabase database)
    {
        var sequential = context.Quick ? 300 : 2_000;
        var batched = context.Quick ? 5_000 : 50_000;
        var actors = context.Quick ? 200 : 1_000;
        var recoveredEvents = context.Quick ? 10_000 : 100_000;
        var recoveredIds = context.Quick ? 200 : 1_000;

        await database.CreateRawTableAsync();
        var config = database.JournalConfig()
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"))
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(AkkaPersistence.DefaultConfig());
        using var system = AkkaSystem.Create("journal-bench", config);
        var run = 0;
        string Prefix(string what) => $"{what}-{Interlocked.Increment(ref run)}";

        // Creates the journal's tables before anything is timed.
        await PersistAsync(system, [Prefix("warm-up")], 1, JournalBenchActor.PersistOne.Instance);

        context.Header($"Akka.Persistence.Sql on {database.Name}: writes (ops = events)");
        var rawInsert = await context.MeasureAsync(
            $"raw batched INSERT ({actors:N0} ids x {EventsPerActor}, 1,000 rows per transaction)",
            (long)actors * EventsPerActor,
            () => database.RawBatchedInsertAsync(Ids(Prefix("raw"), actors), EventsPerActor, RawPayload));
        var persistSequential = await context.MeasureAsync(
            "Persist, 1 actor, sequential", sequential, () => PersistAsync(system, [Prefix("seq")], sequential, JournalBenchActor.PersistOne.Instance));
        context.Report(persistSequential, rawInsert);
        var persistAll = await context.MeasureAsync(
            $"PersistAll, 1 actor, {BatchSize} events per command",
            batched,
            () => PersistAsync(system, [Prefix("all")], batched / BatchSize, new JournalBenchActor.PersistMany(BatchSize), BatchSize));
        context.Report(persistAll, rawInsert);
        var persistAsync = await context.MeasureAsync(
            "PersistAsync, 1 actor", batched, () => PersistAsync(system, [Prefix("async")], batched, JournalBenchActor.PersistOneAsync.Instance));
        context.Report(persistAsync, rawInsert);
        var persistMany = await context.MeasureAsync(
            $"Persist, {actors:N0} actors x {EventsPerActor}",
            (long)actors * EventsPerActor,
            () => PersistAsync(system, Ids(Prefix("many"), actors), EventsPerActor, JournalBenchActor.PersistOne.Instance));
        context.Report(persistMany, rawInsert);

        context.Header($"Akka.Persistence.Sql on {database.Name}: recovery (ops = events replayed)");
        var oneId = Ids("recover-one", 1);
        var manyIds = Ids("recover-many", recoveredIds);
        await PersistAsync(system, oneId, recoveredEvents / 1_000, new JournalBenchActor.PersistMany(1_000), 1_000);
        await PersistAsync(system, manyIds, 1, new JournalBenchActor.PersistMany(EventsPerRecoveredId), EventsPerRecoveredId);
        await database.RawBatchedInsertAsync(oneId, recoveredEvents, RawPayload);
        await database.RawBatchedInsertAsync(manyIds, EventsPerRecoveredId, RawPayload);

        var rawSelectOne = await context.MeasureAsync($"raw SELECT, 1 id x {recoveredEvents:N0}", recoveredEvents, () => database.RawSelectAsync(oneId));
        var recoverOne = await context.MeasureAsync($"recovery, 1 id x {recoveredEvents:N0}", recoveredEvents, () => RecoverAsync(system, oneId));
        context.Report(recoverOne, rawSelectOne);
        var rawSelectMany = await context.MeasureAsync(
            $"raw SELECT, {recoveredIds:N0} ids x {EventsPerRecoveredId} (one query per id)",
            (long)recoveredIds * EventsPerRecoveredId,
            () => database.RawSelectAsync(manyIds));
        var recoverMany = await context.MeasureAsync(
            $"recovery, {recoveredIds:N0} ids x {EventsPerRecoveredId}",
            (long)recoveredIds * EventsPerRecoveredId,
            () => RecoverAsync(system, manyIds));
        context.Report(recoverMany, rawSelectMany);

        await system.Terminate();
    }

    private static string[] Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    /// <summary>Starts one actor per id, tells each <paramref name="commands"/> times, and waits for every event.</summary>
    private static async Task PersistAsync(AkkaSystem system, IReadOnlyList<string> ids, int commands, object command, int eventsPerCommand = 1)
    {
        var persisted = new Countdown((long)ids.Count * commands * eventsPerCommand);
        var actors = ids.Select(id => system.ActorOf(AkkaProps.Create(() => new JournalBenchActor(id, persisted, null)))).ToList();
        foreach (var actor in actors)
        {
            for (var i = 0; i < commands; i++)
            {
                actor.Tell(command, ActorRefs.NoSender);
            }
        }

        await persisted.Done;
        actors.ForEach(system.Stop);
    }

    /// <summary>Starts one actor per id and waits until all have replayed their events.</summary>
    private static async Task RecoverAsync(AkkaSystem system, IReadOnlyList<string> ids)
    {
        var recovered = new Countdown(ids.Count);
        var actors = ids.Select(id => system.ActorOf(AkkaProps.Create(() => new JournalBenchActor(id, Countdown.None, recovered)))).ToList();
        await recovered.Done;
        actors.ForEach(system.Stop);
    }
}
