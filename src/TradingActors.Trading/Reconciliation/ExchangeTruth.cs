using TradingActors.Exchange;

namespace TradingActors.Trading.Reconciliation;

/// <summary>What one market's exchange account holds: open orders of every kind, positions, balances, recent trades.</summary>
public sealed record ExchangeTruth(
    Market Market,
    IReadOnlyList<OrderSnapshot> Orders,
    IReadOnlyList<AlgoOrderSnapshot> AlgoOrders,
    IReadOnlyList<OrderListSnapshot> OrderLists,
    IReadOnlyList<Exchange.Position> Positions,
    IReadOnlyList<Balance> Balances,
    IReadOnlyDictionary<Symbol, IReadOnlyList<Fill>> Trades)
{
    /// <summary>Spot: the asset a position in each symbol holds (from the symbol rules).</summary>
    public IReadOnlyDictionary<Symbol, string> BaseAssets { get; init; } = new Dictionary<Symbol, string>();

    /// <summary>Every client id of a working order: plain orders, algo orders and order lists.</summary>
    public IReadOnlySet<ClientOrderId> WorkingClientIds { get; } = Orders.Select(o => o.ClientOrderId)
        .Concat(AlgoOrders.Select(a => a.ClientAlgoId))
        .Concat(OrderLists.Select(l => l.ListClientOrderId))
        .ToHashSet();

    /// <summary>
    /// Reads the account, each read retried with a doubling backoff; throws when a read keeps failing, so a run acts
    /// only on a complete picture. <paramref name="tradesSince"/> lists the symbols whose trades are needed, from when.
    /// </summary>
    public static async Task<ExchangeTruth> ReadAsync(
        IExchange exchange, IReadOnlyDictionary<Symbol, DateTimeOffset> tradesSince, ReconcilerSettings settings, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(tradesSince);
        ArgumentNullException.ThrowIfNull(settings);
        Task<T> Read<T>(string what, Func<Task<T>> read) => RetryAsync(what, read, settings, time, ct);

        var orders = await Read("open orders", () => exchange.GetOpenOrdersAsync(null, ct)).ConfigureAwait(false);
        IReadOnlyList<AlgoOrderSnapshot> algos = [];
        IReadOnlyList<Exchange.Position> positions = [];
        IReadOnlyList<OrderListSnapshot> lists = [];
        IReadOnlyList<Balance> balances = [];
        if (exchange is IFuturesExchange futures)
        {
            algos = await Read("open algo orders", () => futures.GetOpenConditionalOrdersAsync(null, ct)).ConfigureAwait(false);
            positions = await Read("positions", () => futures.GetPositionsAsync(null, ct)).ConfigureAwait(false);
        }

        if (exchange is ISpotExchange spot)
        {
            lists = await Read("open order lists", () => spot.GetOpenOrderListsAsync(ct)).ConfigureAwait(false);
            balances = await Read("balances", () => spot.GetBalancesAsync(ct)).ConfigureAwait(false);
        }

        var trades = new Dictionary<Symbol, IReadOnlyList<Fill>>();
        foreach (var (symbol, since) in tradesSince)
        {
            trades[symbol] = await Read($"trades of {symbol}", () => exchange.GetTradesAsync(symbol, since, ct)).ConfigureAwait(false);
        }

        return new ExchangeTruth(exchange.Market, orders, algos, lists, positions, balances, trades);
    }

    private static async Task<T> RetryAsync<T>(string what, Func<Task<T>> read, ReconcilerSettings settings, TimeProvider time, CancellationToken ct)
    {
        var delay = settings.ReadBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (attempt >= settings.ReadAttempts)
                {
                    throw new ExchangeReadException($"could not read {what} after {attempt} attempts: {e.Message}", e);
                }
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay *= 2;
        }
    }
}

/// <summary>A read of the exchange's truth kept failing: the run acts on nothing in that market.</summary>
public sealed class ExchangeReadException(string message, Exception inner) : Exception(message, inner);
