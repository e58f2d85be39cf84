using System.Globalization;
using TradingActors.Actors;
using TradingActors.Persistence;
using TradingActors.Persistence.Journal;

namespace TradingActors.Benchmarks;

/// <summary>
/// The recovery figures both journal suites report: prefilled rows replayed by recovering actors, each figure beside
/// a raw sequential SELECT of the same rows.
/// </summary>
internal static class JournalRecoveryMeasurement
{
    private const string OneId = "rec-one-";
    private const string ManyPrefix = "rec-many-";

    /// <summary>Persistence ids <paramref name="prefix"/>000000, 000001, ... (sortable, so a prefix range selects them).</summary>
    public static List<string> Ids(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture)).ToList();

    /// <summary>Writes the rows <see cref="MeasureAsync"/> replays: one long id and many short ones.</summary>
    public static async Task PrefillAsync(IJournal journal, int oneIdEvents, int manyIds, int perId)
    {
        await PrefillAsync(journal, [OneId], oneIdEvents);
        await PrefillAsync(journal, Ids(ManyPrefix, manyIds), perId);
    }

    /// <summary>Recovery of the one long id, then of all short ids at once, each beside the raw SELECT.</summary>
    public static async Task MeasureAsync(
        BenchmarkContext context, ActorSystem system, JournalBenchBackend backend, int oneIdEvents, int manyIds, int perId, string target)
    {
        var oneLabel = oneIdEvents.ToString("N0", CultureInfo.InvariantCulture);
        var rawOne = await context.MeasureAsync($"raw sequential SELECT, 1 id ({oneLabel} rows)", oneIdEvents, () => ExpectAsync(backend.RawSelectAsync(OneId), oneIdEvents));
        var recoverOne = await context.MeasureAsync($"recovery, 1 actor ({oneLabel} events)", oneIdEvents, () => RecoverAsync(system, [OneId], oneIdEvents));
        context.Report(recoverOne, rawOne, target);

        var manyTotal = (long)manyIds * perId;
        var manyLabel = $"{manyIds:N0} ids x {perId}";
        var rawMany = await context.MeasureAsync($"raw sequential SELECT, {manyLabel} rows", manyTotal, () => ExpectAsync(backend.RawSelectAsync(ManyPrefix), manyTotal));
        var recoverMany = await context.MeasureAsync($"recovery, {manyLabel} events (all actors at once)", manyTotal, () => RecoverAsync(system, Ids(ManyPrefix, manyIds), manyTotal));
        context.Report(recoverMany, rawMany, target);
    }

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
