using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>Helpers turning classified REST results into domain results.</summary>
internal static class RestResultExtensions
{
    /// <summary>The parsed body of a successful read; anything else throws <see cref="ExchangeRequestException"/>.</summary>
    public static T Read<T>(this RestResult result, string what, Func<string, T> parse) => result switch
    {
        RestResult.Success s => parse(s.Body),
        RestResult.Rejected r => throw new ExchangeRequestException(r.Code, $"{what} failed: {r.Code} {r.Message}"),
        RestResult.Unknown u => throw new ExchangeRequestException(null, $"{what} failed: {u.Reason}", outcomeUnknown: true),
        RestResult.Throttled t => throw new ExchangeRequestException(t.Code, $"{what} throttled: {t.Message}"),
        _ => throw new InvalidOperationException(result.ToString()),
    };

    public static OrderOutcome ToOrderOutcome(this RestResult result, Func<string, OrderSnapshot> parse) => result switch
    {
        RestResult.Success s => new OrderOutcome.Accepted(parse(s.Body)),
        RestResult.Rejected r => new OrderOutcome.Rejected(r.Code, r.Message),
        RestResult.Throttled t => new OrderOutcome.Rejected(t.Code, t.Message),
        RestResult.Unknown u => new OrderOutcome.Unknown(u.Reason),
        _ => throw new InvalidOperationException(result.ToString()),
    };

    public static AlgoOrderOutcome ToAlgoOutcome(this RestResult result, Func<string, AlgoOrderSnapshot> parse) => result switch
    {
        RestResult.Success s => new AlgoOrderOutcome.Accepted(parse(s.Body)),
        RestResult.Rejected r => new AlgoOrderOutcome.Rejected(r.Code, r.Message),
        RestResult.Throttled t => new AlgoOrderOutcome.Rejected(t.Code, t.Message),
        RestResult.Unknown u => new AlgoOrderOutcome.Unknown(u.Reason),
        _ => throw new InvalidOperationException(result.ToString()),
    };

    public static OrderListOutcome ToOrderListOutcome(this RestResult result, Func<string, OrderListSnapshot> parse) => result switch
    {
        RestResult.Success s => new OrderListOutcome.Accepted(parse(s.Body)),
        RestResult.Rejected r => new OrderListOutcome.Rejected(r.Code, r.Message),
        RestResult.Throttled t => new OrderListOutcome.Rejected(t.Code, t.Message),
        RestResult.Unknown u => new OrderListOutcome.Unknown(u.Reason),
        _ => throw new InvalidOperationException(result.ToString()),
    };
}
