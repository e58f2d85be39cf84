namespace TradingActors.Actors.Internal;

/// <summary>An actor's stash; unstashed messages go in front of the mailbox in their original order.</summary>
internal sealed class StashImpl(ActorCell cell) : IStash
{
    private readonly Queue<Envelope> _items = new();

    public int Count => _items.Count;

    public void Stash() => cell.StashCurrent(this);

    public void Unstash()
    {
        if (_items.TryDequeue(out var envelope))
        {
            cell.Mailbox.Prepend(envelope);
        }
    }

    public void UnstashAll()
    {
        if (_items.Count > 0)
        {
            cell.Mailbox.PrependAll(ClearItems());
        }
    }

    public IReadOnlyList<Envelope> ClearStash() => ClearItems();

    internal void Add(Envelope envelope) => _items.Enqueue(envelope);

    private Envelope[] ClearItems()
    {
        var items = _items.ToArray();
        _items.Clear();
        return items;
    }
}
