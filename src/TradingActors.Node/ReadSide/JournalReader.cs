using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace TradingActors.Node.ReadSide;

/// <summary>
/// The node's read side over Akka.Persistence.Query's SQL read journal: one entity's journal (a position's
/// timeline), and live tag streams (server-sent events, projections), each resumable from an offset.
/// </summary>
public sealed class JournalReader(ActorSystem system)
{
    private readonly SqlReadJournal _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    /// <summary>
    /// Creates the read journal, waiting up to <paramref name="timeout"/> for the journal to be ready. The plugin's
    /// constructor gives the journal 5 s to create its tables, too short for a busy machine recovering a cluster;
    /// a failed creation is not cached, so it is simply tried again.
    /// </summary>
    public static async Task<JournalReader> ConnectAsync(ActorSystem system, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await Task.Run(() => new JournalReader(system), ct);
            }
            catch (AggregateException e) when (e.InnerException is AskTimeoutException && DateTime.UtcNow < deadline)
            {
                // The journal is still initializing.
            }
        }
    }

    /// <summary>The events of <paramref name="persistenceId"/> stored now.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> CurrentEventsAsync(string persistenceId, CancellationToken ct = default) =>
        await _journal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer())
            .WaitAsync(ct);

    /// <summary>Every persistence id stored now that starts with <paramref name="prefix"/> (e.g. <c>intent-</c>).</summary>
    public async Task<IReadOnlyList<string>> CurrentPersistenceIdsAsync(string prefix, CancellationToken ct = default) =>
        await _journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith(prefix, StringComparison.Ordinal))
            .RunWith(Sink.Seq<string>(), system.Materializer())
            .WaitAsync(ct);

    /// <summary>The events of <paramref name="tag"/> after <paramref name="offset"/>, then every new one as it is written, until cancelled.</summary>
    public async IAsyncEnumerable<EventEnvelope> FollowAsync(string tag, long offset, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (kill, reader) = _journal.EventsByTag(tag, offset > 0 ? Offset.Sequence(offset) : Offset.NoOffset())
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .ToMaterialized(Sink.ChannelReader<EventEnvelope>(64, singleReader: true), Keep.Both)
            .Run(system.Materializer());
        try
        {
            await foreach (var envelope in reader.ReadAllAsync(ct))
            {
                yield return envelope;
            }
        }
        finally
        {
            kill.Shutdown();
        }
    }

    /// <summary>When an envelope's event was written: Akka.Persistence.Sql stores UTC <see cref="DateTime.Ticks"/>, not Unix milliseconds.</summary>
    public static DateTimeOffset TimeOf(EventEnvelope envelope) => new(envelope.Timestamp, TimeSpan.Zero);

    /// <summary>The offset of an envelope from this journal (a global ordering).</summary>
    public static long OffsetOf(EventEnvelope envelope) => envelope.Offset is Sequence sequence ? sequence.Value : 0;
}
