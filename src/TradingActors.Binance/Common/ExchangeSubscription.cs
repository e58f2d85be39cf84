using System.Threading.Channels;
using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>
/// A subscription fed by one or more reconnecting connections. The channel is unbounded on purpose:
/// dropping a market or user event silently would be worse than the memory a slow reader costs.
/// </summary>
internal sealed class ExchangeSubscription : IExchangeSubscription
{
    private readonly Channel<ExchangeEvent> _channel = Channel.CreateUnbounded<ExchangeEvent>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly List<IAsyncDisposable> _resources = [];
    private int _disposed;

    public ChannelReader<ExchangeEvent> Events => _channel.Reader;

    public IReadOnlyList<IAsyncDisposable> Resources => _resources;

    public void Publish(ExchangeEvent e) => _channel.Writer.TryWrite(e);

    public void Add(IAsyncDisposable resource) => _resources.Add(resource);

    /// <summary>Waits for the first subscription of <paramref name="socket"/>; on failure closes everything and says why.</summary>
    public async Task WaitUntilReadyAsync(ReconnectingWebSocket socket, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await socket.Ready.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new ExchangeRequestException($"Stream subscription failed: {ex.Message}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var resource in Enumerable.Reverse(_resources))
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }

        _channel.Writer.TryComplete();
    }
}
