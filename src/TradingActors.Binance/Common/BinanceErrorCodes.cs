namespace TradingActors.Binance.Common;

/// <summary>Binance error codes the connector acts on.</summary>
internal static class BinanceErrorCodes
{
    public const int BackendTimeout = -1007;
    public const int TooManyRequests = -1003;
    public const int TooManyOrders = -1015;
    public const int TimestampOutsideRecvWindow = -1021;
    public const int InvalidSignature = -1022;
    public const int ListenKeyDoesNotExist = -1125;
    public const int UnknownOrderSent = -2011;
    public const int OrderDoesNotExist = -2013;
    public const int NoNeedToChangeMarginType = -4046;

    /// <summary>Code used when an error status came with no Binance error body (e.g. a WAF 403).</summary>
    public static int ForHttpStatus(int status) => -status;
}
