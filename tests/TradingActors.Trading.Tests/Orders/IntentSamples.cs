using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Trading.Tests.Orders;

/// <summary>Intents as journals, for the deciders' tests.</summary>
internal static class IntentSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Symbol Btc = new("BTCUSDT");

    public static readonly SymbolRules Rules = new()
    {
        Market = Market.Spot, Symbol = Btc, BaseAsset = "BTC", QuoteAsset = "USDT", TickSize = 0.1m, StepSize = 0.001m, MinQuantity = 0.001m,
    };

    public static IntentMarketView Futures(Quote? quote = null) => new(Market.Futures, quote ?? new Quote(99m, 101m, T0), Rules);

    public static IntentMarketView Spot(Quote? quote = null) => new(Market.Spot, quote ?? new Quote(99m, 101m, T0), Rules);

    public static IntentMarketView NoQuote(Market market = Market.Futures) => new(market, null, Rules);

    public static OrderIntentSpec.Trade Trade(ExecutionPolicy policy, decimal quantity = 1m, bool reduceOnly = false) => new()
    {
        Market = Market.Futures, Symbol = Btc, Side = OrderSide.Buy, Quantity = quantity, Policy = policy, ReduceOnly = reduceOnly,
    };

    public static IntentData Submitted(OrderIntentSpec spec) => IntentData.Empty.Apply(new IntentSubmitted(new IntentId("i1"), spec, null, T0));

    public static IntentData Sent(this IntentData data, string leg, LegKind kind, decimal quantity, decimal? price = null, OrderSide side = OrderSide.Buy) =>
        data.Apply(new OrderSending(leg, ClientOrderId.Create($"ta-i1-{leg}"), kind, side, quantity, price, T0));

    public static IntentData Progressed(this IntentData data, string leg, OrderStatus status, decimal executed = 0m, decimal price = 100m) =>
        data.Apply(new OrderProgressed(leg, status, executed, executed > 0m ? price : 0m, 0m, T0));

    public static IntentData Rejected(this IntentData data, string leg, int code = -2010, string message = "insufficient balance") =>
        data.Apply(new OrderRejected(leg, code, message, T0));

    public static IntentData Unknown(this IntentData data, string leg) => data.Apply(new OrderOutcomeUnknown(leg, "timeout", T0));

    public static IntentData Established(this IntentData data, string leg, ProtectionKind kind, decimal trigger) =>
        data.Apply(new ProtectionEstablished(leg, kind, trigger, T0));
}
