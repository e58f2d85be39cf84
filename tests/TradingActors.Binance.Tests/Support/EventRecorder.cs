using System.Threading.Channels;
using TradingActors.TestSupport;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Support;

/// <summary>
/// Records everything a subscription delivers, so a test can wait for several events regardless of the
/// order the venue sends them in.
/// </summary>
internal sealed class EventRecorder
{
    private readonly List<ExchangeEvent> _events = [];
    private readonly Task _pump;

    public EventRecorder(ChannelReader<ExchangeEvent> reader)
    {
        _pump = Task.Run(async () =>
        {
            await foreach (var e in reader.ReadAllAsync())
            {
                lock (_events)
                {
                    _events.Add(e);
                }
            }
        });
    }

    public bool Has<T>()
        where T : ExchangeEvent
    {
        lock (_events)
        {
            return _events.OfType<T>().Any();
        }
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : ExchangeEvent
    {
        T? found = null;
        await Eventually.TrueAsync(
            () =>
            {
                lock (_events)
                {
                    found = _events.OfType<T>().FirstOrDefault(e => match is null || match(e));
                }

                return found is not null || _pump.IsCompleted;
            },
            timeout,
            $"a {typeof(T).Name} event");
        return found ?? throw new InvalidOperationException($"The stream ended without a matching {typeof(T).Name}.");
    }
}
