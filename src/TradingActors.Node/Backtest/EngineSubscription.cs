using System.Threading.Channels;
using TradingActors.Exchange;

namespace TradingActors.Node.Backtest;

/// <summary>A stream of the in-process venue: events are written by the engine as they happen, in order.</summary>
internal sealed class EngineSubscription(Func<ExchangeEvent, bool> wants, Action<EngineSubscription> onDispose) : IExchangeSubscription
{
    private readonly Channel<ExchangeEvent> _events = Channel.CreateUnbounded<ExchangeEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ExchangeEvent> Events => _events.Reader;

    public bool Offer(ExchangeEvent evt) => wants(evt) && _events.Writer.TryWrite(evt);

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        onDispose(this);
        return ValueTask.CompletedTask;
    }
}
