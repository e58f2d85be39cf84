using System.Globalization;
using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Persistence.Journal;
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
        await PrefillAsync(persistence.Journal, ["rec-one-"], oneIdEvents);
        await PrefillAsync(persistence.Journal, Ids("rec-many-", manyIds), perId);

        context.Header($"Journal on {backend.Name}: recovery only (ops = events replayed)");
        var oneLabel = oneIdEvents.ToString("N0", CultureInfo.InvariantCulture);
        var rawOne = await context.MeasureAsync($"raw sequential SELECT, 1 id ({oneLabel} rows)", oneIdEvents, () => ExpectAsync(backend.RawSelectAsync("rec-one-"), oneIdEvents));
        var recoverOne = await context.MeasureAsync($"recovery, 1 actor ({oneLabel} events)", oneIdEvents, () => RecoverAsync(system, ["rec-one-"], oneIdEvents));
        context.Report(recoverOne, rawOne, target);

        var manyTotal = (long)manyIds * perId;
        var manyLabel = $"{manyIds:N0} ids x {perId}";
        var rawMany = await context.MeasureAsync($"raw sequential SELECT, {manyLabel} rows", manyTotal, () => ExpectAsync(backend.RawSelectAsync("rec-many-"), manyTotal));
        var recoverMany = await context.MeasureAsync($"recovery, {manyLabel} events (all actors at once)", manyTotal, () => RecoverAsync(system, Ids("rec-many-", manyIds), manyTotal));
        context.Report(recoverMany, rawMany, target);
    }

    private static List<string> Ids(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture)).ToList();

    private static async Task RecoverAsync(ActorSystem system, IReadOnlyList<string> ids, long expected)
    {
        var done = new List<Task<long>>(ids.Count);
        foreach (var id in ids)
        {
            var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(completion.Task);
            system.ActorOf(Props.Create(() => new JournalBenchRecoverer(id, completion)));
        }

        var counts = await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(5));
        if (counts.Sum() != expected)
        {
            throw new InvalidOperationException($"Recovered {counts.Sum()} events, expected {expected}.");
        }
    }

    private static async Task ExpectAsync(Task<long> rows, long expected)
    {
        if (await rows != expected)
        {
            throw new InvalidOperationException($"Read {await rows} rows, expected {expected}.");
        }
    }

    private static async Task PrefillAsync(IJournal journal, IReadOnlyList<string> ids, int perId)
    {
        const int EventsPerWrite = 1_000;
        var pending = new List<Task>();
        foreach (var id in ids)
        {
            for (var from = 1; from <= perId; from += EventsPerWrite)
            {
                var events = Enumerable.Range(from, Math.Min(EventsPerWrite, perId - from + 1))
                    .Select(seq => new PersistentRepresentation(id, seq, new JournalBenchEvent(seq, "BTCUSDT"), "prefill"))
                    .ToList();
                pending.Add(journal.WriteAsync(new AtomicWrite(events)));
                if (pending.Count >= 200)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }
        }

        await Task.WhenAll(pending);
    }
}
