namespace TradingActors.Actors;

/// <summary>
/// Messages set aside for later. <see cref="Stash"/> stores the current message and sender (stashing the same
/// message twice throws); <see cref="UnstashAll"/> puts them back in front of the mailbox in their original order.
/// A restart unstashes everything back into the mailbox.
/// </summary>
public interface IStash
{
    void Stash();

    void Unstash();

    void UnstashAll();

    IReadOnlyList<Envelope> ClearStash();

    int Count { get; }
}
