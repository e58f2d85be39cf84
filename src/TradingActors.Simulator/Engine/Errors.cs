namespace TradingActors.Simulator.Engine;

/// <summary>The Binance errors the simulator answers with, spelled as the real servers spell them.</summary>
public static class Errors
{
    public static ExchangeErrorException Unknown() => new(-1000, "An unknown error occurred while processing the request.");

    public static ExchangeErrorException BackendTimeout() =>
        new(-1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.", 408);

    public static ExchangeErrorException MaxPositionExceeded() =>
        new(-2027, "Exceeded the maximum allowable position at current leverage.");

    public static ExchangeErrorException FuturesTooManyRequests() =>
        new(-1003, "Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.", 429);

    public static ExchangeErrorException TooManyRequests() =>
        new(-1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.", 429);

    public static ExchangeErrorException Banned(long untilMs) =>
        new(-1003, $"Way too much request weight used; IP banned until {untilMs}. Please use WebSocket Streams for live updates to avoid bans.", 418);

    public static ExchangeErrorException FuturesUnknown() =>
        new(-1000, "Unknown error, please check your request or try again later.", 503);

    public static ExchangeErrorException IllegalCharacters(string parameter, string legalRange = "") =>
        new(-1100, legalRange.Length == 0
            ? $"Illegal characters found in parameter '{parameter}'."
            : $"Illegal characters found in parameter '{parameter}'; legal range is '{legalRange}'.");

    public static ExchangeErrorException TooManyParameters(string message) => new(-1101, message);

    public static ExchangeErrorException Mandatory(string parameter) =>
        new(-1102, $"Mandatory parameter '{parameter}' was not sent, was empty/null, or malformed.");

    public static ExchangeErrorException UnknownParameter(string message) => new(-1103, message);

    public static ExchangeErrorException NotRequired(string parameter) => new(-1106, $"Parameter '{parameter}' sent when not required.");

    public static ExchangeErrorException TooManyDecimals(string parameter) =>
        new(-1111, $"Parameter '{parameter}' has too much precision.");

    public static ExchangeErrorException InvalidTimeInForce() => new(-1115, "Invalid timeInForce.");

    public static ExchangeErrorException InvalidOrderType() => new(-1116, "Invalid orderType.");

    public static ExchangeErrorException InvalidSide() => new(-1117, "Invalid side.");

    public static ExchangeErrorException InvalidSymbol() => new(-1121, "Invalid symbol.");

    public static ExchangeErrorException ListenKeyMissing() => new(-1125, "This listenKey does not exist.");

    public static ExchangeErrorException InvalidParameter(string message) => new(-1130, message);

    public static ExchangeErrorException TimestampOutside() => new(-1021, "Timestamp for this request is outside of the recvWindow.");

    public static ExchangeErrorException TimestampAhead() => new(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");

    public static ExchangeErrorException BadSignature() => new(-1022, "Signature for this request is not valid.");

    public static ExchangeErrorException BadApiKeyFormat() => new(-2014, "API-key format invalid.", 401);

    public static ExchangeErrorException InvalidApiKey() => new(-2015, "Invalid API-key, IP, or permissions for action.", 401);

    public static ExchangeErrorException Filter(string filter) => new(-1013, $"Filter failure: {filter}");

    public static ExchangeErrorException NewOrderRejected(string reason) => new(-2010, reason);

    public static ExchangeErrorException UnknownOrderOnCancel() => new(-2011, "Unknown order sent.");

    public static ExchangeErrorException OrderDoesNotExist() => new(-2013, "Order does not exist.");

    public static ExchangeErrorException MarginInsufficient() => new(-2019, "Margin is insufficient.");

    public static ExchangeErrorException WouldImmediatelyTrigger() => new(-2021, "Order would immediately trigger.");

    public static ExchangeErrorException ReduceOnlyRejected() => new(-2022, "ReduceOnly Order is rejected.");

    public static ExchangeErrorException FuturesPriceMaxExceeded() => new(-4002, "Price greater than max price.");

    public static ExchangeErrorException FuturesQtyTooSmall() => new(-4004, "Quantity less than min quantity.");

    public static ExchangeErrorException FuturesQtyTooLarge() => new(-4005, "Quantity greater than max quantity.");

    public static ExchangeErrorException FuturesPriceTooSmall() => new(-4013, "Price less than min price.");

    public static ExchangeErrorException FuturesTick() => new(-4014, "Price not increased by tick size.");

    public static ExchangeErrorException FuturesClientIdInvalid() => new(-4015, "Client order id is not valid.");

    public static ExchangeErrorException FuturesPriceTooHigh(decimal limit) => new(-4016, $"Limit price can't be higher than {Wire.Dec(limit)}.");

    public static ExchangeErrorException FuturesStep() => new(-4023, "Qty not increased by step size.");

    public static ExchangeErrorException FuturesPriceTooLow(decimal limit) => new(-4024, $"Limit price can't be lower than {Wire.Dec(limit)}.");

    public static ExchangeErrorException InvalidLeverage() => new(-4028, "Leverage is not valid");

    public static ExchangeErrorException NoNeedToChangeMarginType() => new(-4046, "No need to change margin type.");

    public static ExchangeErrorException MarginTypeOpenOrders() => new(-4047, "Margin type cannot be changed if there exists open orders.");

    public static ExchangeErrorException MarginTypePosition() => new(-4048, "Margin type cannot be changed if there exists position.");

    public static ExchangeErrorException DuplicateClientOrderId() => new(-4116, "ClientOrderId is duplicated.");

    public static ExchangeErrorException ReduceOnlyFailed() => new(-4118, "ReduceOnly Order Failed. Please check your existing position and open orders");

    public static ExchangeErrorException AlgoTypeRequired() =>
        new(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");

    public static ExchangeErrorException ClosePositionWithQuantity() => new(-4137, "Quantity must be zero with closePosition equals true");

    public static ExchangeErrorException ClosePositionWithReduceOnly() => new(-4138, "Cannot send reduceOnly with closePosition = true");

    public static ExchangeErrorException MinNotional(decimal notional) =>
        new(-4164, $"Order's notional must be no smaller than {Wire.Dec(notional)} (unless you choose reduce only).");

    public static ExchangeErrorException FokRejected() =>
        new(-5021, "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history");

    public static ExchangeErrorException PostOnlyRejected() =>
        new(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history");
}
