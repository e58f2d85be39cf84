using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace TradingActors.Node.Clustering;

/// <summary>
/// Akka.Persistence.Sql's journal behind the <see cref="ClusterFence"/>: while the fence is closed every write fails,
/// so the persistent actor that tried it stops without its event, and nothing it would have done after the write
/// (an order, above all) happens. Reads and recoveries are not fenced.
/// </summary>
public sealed class FencedSqlJournal : SqlWriteJournal
{
    private readonly ClusterFence _fence;

    public FencedSqlJournal(Akka.Configuration.Config journalConfig)
        : base(journalConfig)
    {
        _fence = ClusterFence.Get(Context.System);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
        _fence.ClosedBecause() is { } reason
            ? Task.FromException<IImmutableList<Exception>>(new FencedException(reason))
            : base.WriteMessagesAsync(messages, cancellationToken);
}
