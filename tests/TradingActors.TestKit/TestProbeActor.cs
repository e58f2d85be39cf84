using TradingActors.Actors;

namespace TradingActors.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: hands every message to the probe's inbox.</summary>
internal sealed class TestProbeActor(TestProbe probe) : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Target);
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Target);
                break;
            default:
                probe.Enqueue(new Envelope(message, Context.Sender));
                break;
        }

        return true;
    }

    internal sealed record WatchCommand(IActorRef Target);

    internal sealed record UnwatchCommand(IActorRef Target);
}
