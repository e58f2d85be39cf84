namespace TradingActors.Trading.Orders;

/// <summary>The names of an intent's legs; each becomes part of the leg's client order id.</summary>
public static class IntentLegs
{
    public const string Maker = "mk";
    public const string Market = "m1";
    public const string PostOnly = "p1";
    public const string FallbackMarket = "fm";
    public const string ChaseMarket = "cm";
    public const string GuardExit = "gm";
    public const string Stop = "sl";
    public const string TakeProfit = "tp";
    public const string TrailingStop = "ts";
    public const string Oco = "oco";
    public const string OcoTakeProfit = "octp";
    public const string OcoStop = "ocsl";
    public const string Guard = "gs";
    public const string Cancel = "cx";

    /// <summary>The leg a cancel leg (<c>{leg}x</c>, <c>{leg}xx</c>, ...) cancels.</summary>
    public static string TargetOf(string cancelLeg) => cancelLeg.TrimEnd('x');
}
