namespace TradingActors.Exchange;

/// <summary>USD-M futures: orders, conditional (algo) orders, positions and account setup.</summary>
public interface IFuturesExchange : IExchange
{
    Task<AlgoOrderOutcome> PlaceConditionalOrderAsync(ConditionalOrderRequest request, CancellationToken ct = default);

    Task<AlgoOrderOutcome> CancelConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default);

    /// <summary>Rejected with <see cref="ExchangeErrorCodes.OrderDoesNotExist"/> when absent.</summary>
    Task<AlgoOrderOutcome> QueryConditionalOrderAsync(Symbol symbol, ClientOrderId clientAlgoId, CancellationToken ct = default);

    Task<IReadOnlyList<AlgoOrderSnapshot>> GetOpenConditionalOrdersAsync(Symbol? symbol = null, CancellationToken ct = default);

    Task<IReadOnlyList<Position>> GetPositionsAsync(Symbol? symbol = null, CancellationToken ct = default);

    /// <summary>Sets leverage and returns what the venue applied.</summary>
    Task<int> SetLeverageAsync(Symbol symbol, int leverage, CancellationToken ct = default);

    /// <summary>Sets the margin type; succeeds also when it is already set.</summary>
    Task SetMarginTypeAsync(Symbol symbol, MarginType marginType, CancellationToken ct = default);

    Task<MarkPrice> GetMarkPriceAsync(Symbol symbol, CancellationToken ct = default);

    /// <summary>The funding settled on the symbol's position from <paramref name="from"/> to <paramref name="to"/> (both included), oldest first.</summary>
    Task<IReadOnlyList<FundingPayment>> GetFundingAsync(Symbol symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
