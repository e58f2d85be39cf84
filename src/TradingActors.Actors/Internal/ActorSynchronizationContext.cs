namespace TradingActors.Actors.Internal;

/// <summary>
/// Installed while an actor runs an async handler: every continuation after an await comes back to the actor as a
/// system message, so it runs on the actor's turn, one at a time, with the original message and sender.
/// </summary>
internal sealed class ActorSynchronizationContext(ActorCell cell, int incarnation) : SynchronizationContext
{
    public int Incarnation { get; } = incarnation;

    public override void Post(SendOrPostCallback d, object? state) =>
        cell.Mailbox.PostSystem(new RunContinuation(this, d, state));

    public override SynchronizationContext CreateCopy() => this;
}
