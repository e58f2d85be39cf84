using System.Threading.Channels;

namespace TradingActors.Exchange;

/// <summary>
/// A live stream of events. It reconnects by itself and reports every interruption as a
/// <see cref="StreamGap"/>; disposing it closes the connection and completes <see cref="Events"/>.
/// </summary>
public interface IExchangeSubscription : IAsyncDisposable
{
    ChannelReader<ExchangeEvent> Events { get; }
}
