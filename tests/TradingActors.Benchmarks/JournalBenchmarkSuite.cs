using System.Globalization;
using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Tests;

namespace TradingActors.Benchmarks;

/// <summary>
/// The journals (SQLite, then a private PostgreSQL server) against raw SQL on the same tables in the same
/// run: sequential Persist vs INSERT+COMMIT per row; many actors persisting vs one batched INSERT of the
/// same rows; recovery vs a raw sequential SELECT of the same rows.
/// </summary>
public sealed class JournalBenchmarkSuite : IBenchmarkSuite
{
    public string Name => "journal";

    public async Task RunAsync(BenchmarkContext context)
    {
        var sizes = context.Quick
            ? new Sizes(Sequential: 100, Actors: 1_000, PerActor: 5, OneIdEvents: 100_000, ManyIds: 1_000, PerId: 100)
            : new Sizes(Sequential: 300, Actors: 1_000, PerActor: 20, OneIdEvents: 1_000_000, ManyIds: 10_000, PerId: 100);

        var directory = Directory.CreateTempSubdirectory("ta-journal-bench-");
        try
        {
            await RunBackendAsync(context, new SqliteBenchBackend(Path.Combine(directory.FullName, "journal.db")), sizes, isPostgreSql: false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }

        await using var server = await PostgreSqlServer.StartAsync();
        await RunBackendAsync(context, new PostgreSqlBenchBackend(server.ConnectionString), sizes, isPostgreSql: true);
    }

    private static async Task RunBackendAsync(BenchmarkContext context, JournalBenchBackend backend, Sizes sizes, bool isPostgreSql)
    {
        var serializer = new EventSerializer().Register<JournalBenchEvent>("bench.event.v1");
        var message = serializer.Serialize(new JournalBenchEvent(42, "BTCUSDT")).Payload;
        await using var system = ActorSystem.Create("journal-bench");
        var persistence = system.AddPersistence(backend.Options, serializer);
        await persistence.Journal.ReadHighestSequenceNrAsync("warm-up");
        var run = 0;
        string Next(string prefix) => prefix + (run++).ToString(CultureInfo.InvariantCulture) + "-";

        context.Header($"Journal on {backend.Name}: writing (ops = events acknowledged)");
        var rawSequential = await context.MeasureAsync(
            $"raw INSERT + COMMIT per row, 1 connection ({sizes.Sequential} rows)",
            sizes.Sequential,
            () => backend.RawSequentialInsertAsync(Next("raw-seq-"), sizes.Sequential, message));
        var single = await StartPersistersAsync(system, "seq-", 1);
        var sequential = await context.MeasureAsync(
            $"Persist, 1 actor, sequential ({sizes.Sequential} events)",
            sizes.Sequential,
            () => PersistAsync(single, sizes.Sequential));
        context.Report(sequential, rawSequential, isPostgreSql ? "Akka.NET SQL plugin: 395 events/s" : string.Empty);

        var total = sizes.Actors * sizes.PerActor;
        var rawBatched = await context.MeasureAsync(
            $"raw batched INSERT, 1 transaction ({total:N0} rows)",
            total,
            () => backend.RawBatchedInsertAsync(JournalRecoveryMeasurement.Ids(Next("raw-batch-"), sizes.Actors), sizes.PerActor, message));
        var many = await StartPersistersAsync(system, "conc-", sizes.Actors);
        var concurrent = await context.MeasureAsync(
            $"Persist, {sizes.Actors:N0} actors concurrently ({sizes.PerActor} sequential events each)",
            total,
            () => PersistAsync(many, sizes.PerActor));
        context.Report(concurrent, rawBatched, isPostgreSql ? ">= 40,000 events/s (Akka.NET: ~13,500)" : ">= 50,000 events/s, durable commits");

        context.Header($"Journal on {backend.Name}: recovery (ops = events replayed)");
        await JournalRecoveryMeasurement.PrefillAsync(persistence.Journal, sizes.OneIdEvents, sizes.ManyIds, sizes.PerId);
        var target = isPostgreSql ? ">= 300,000 events/s (Akka.NET: ~115,000)" : ">= 500,000 events/s";
        await JournalRecoveryMeasurement.MeasureAsync(context, system, backend, sizes.OneIdEvents, sizes.ManyIds, sizes.PerId, target);
    }

    /// <summary>Starts the actors and waits until they recovered, so the measurement covers persisting only.</summary>
    private static async Task<List<IActorRef>> StartPersistersAsync(ActorSystem system, string prefix, int actors)
    {
        var recovered = new List<Task>(actors);
        var refs = new List<IActorRef>(actors);
        foreach (var id in JournalRecoveryMeasurement.Ids(prefix, actors))
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            recovered.Add(completion.Task);
            refs.Add(system.ActorOf(Props.Create(() => new JournalBenchPersister(id, completion))));
        }

        await Task.WhenAll(recovered).WaitAsync(TimeSpan.FromMinutes(5));
        return refs;
    }

    private static async Task PersistAsync(IReadOnlyList<IActorRef> actors, int perActor)
    {
        var done = new List<Task>(actors.Count);
        foreach (var actor in actors)
        {
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(completion.Task);
            actor.Tell(new PersistEvents(perActor, completion));
        }

        await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(5));
    }

    private sealed record Sizes(int Sequential, int Actors, int PerActor, int OneIdEvents, int ManyIds, int PerId);
}
