using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Persistence.Serialization;
using TradingActors.Persistence.Tests;

namespace TradingActors.Benchmarks;

/// <summary>
/// Only the recovery part of the journal suite (SQLite, then PostgreSQL), each figure beside a raw sequential
/// SELECT of the same rows: the write measurements take minutes and say nothing about recovery work.
/// </summary>
public sealed class JournalRecoveryBenchmarkSuite : IBenchmarkSuite
{
    public string Name => "journal-recovery";

    public async Task RunAsync(BenchmarkContext context)
    {
        var (oneIdEvents, manyIds, perId) = context.Quick ? (100_000, 1_000, 100) : (1_000_000, 10_000, 100);
        var directory = Directory.CreateTempSubdirectory("ta-journal-recovery-bench-");
        try
        {
            await RunBackendAsync(context, new SqliteBenchBackend(Path.Combine(directory.FullName, "journal.db")), oneIdEvents, manyIds, perId, ">= 500,000 events/s");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }

        await using var server = await PostgreSqlServer.StartAsync();
        await RunBackendAsync(context, new PostgreSqlBenchBackend(server.ConnectionString), oneIdEvents, manyIds, perId, ">= 300,000 events/s");
    }

    private static async Task RunBackendAsync(BenchmarkContext context, JournalBenchBackend backend, int oneIdEvents, int manyIds, int perId, string target)
    {
        var serializer = new EventSerializer().Register<JournalBenchEvent>("bench.event.v1");
        await using var system = ActorSystem.Create("journal-recovery-bench");
        var persistence = system.AddPersistence(backend.Options, serializer);
        await JournalRecoveryMeasurement.PrefillAsync(persistence.Journal, oneIdEvents, manyIds, perId);

        context.Header($"Journal on {backend.Name}: recovery only (ops = events replayed)");
        await JournalRecoveryMeasurement.MeasureAsync(context, system, backend, oneIdEvents, manyIds, perId, target);
    }
}
