using System.Text.Json.Serialization;
using TradingActors.Exchange;

namespace TradingActors.Trading.Orders;

/// <summary>What an intent asks of the exchange. The router turns it into orders by its policy.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Trade), "trade")]
[JsonDerivedType(typeof(Stop), "stop")]
[JsonDerivedType(typeof(TakeProfit), "takeProfit")]
[JsonDerivedType(typeof(Bracket), "bracket")]
[JsonDerivedType(typeof(Cancel), "cancel")]
[JsonDerivedType(typeof(TrailingStop), "trailingStop")]
public abstract record OrderIntentSpec
{
    public required Market Market { get; init; }
    public required Symbol Symbol { get; init; }

    /// <summary>Buy or sell <see cref="Quantity"/> by <see cref="Policy"/> (an entry, or with <see cref="ReduceOnly"/> an exit).</summary>
    public sealed record Trade : OrderIntentSpec
    {
        public required OrderSide Side { get; init; }
        public required decimal Quantity { get; init; }
        public required ExecutionPolicy Policy { get; init; }
        public bool ReduceOnly { get; init; }

        /// <summary>The price when the decision was made, for slippage.</summary>
        public decimal DecisionPrice { get; init; }
    }

    /// <summary>
    /// A protective stop: on futures a STOP_MARKET algo order (reduce-only or close-position, triggered on the
    /// mark price); on spot a STOP_LOSS order, or a local guard stop where the symbol cannot hold one.
    /// </summary>
    public sealed record Stop : OrderIntentSpec
    {
        public required OrderSide Side { get; init; }
        public required decimal Quantity { get; init; }
        public required decimal TriggerPrice { get; init; }
        public bool ClosePosition { get; init; }
    }

    /// <summary>A futures TAKE_PROFIT_MARKET algo order (reduce-only, triggered on the mark price).</summary>
    public sealed record TakeProfit : OrderIntentSpec
    {
        public required OrderSide Side { get; init; }
        public required decimal Quantity { get; init; }
        public required decimal TriggerPrice { get; init; }
    }

    /// <summary>
    /// Spot take profit and stop loss for a long: an OCO; if the venue refuses it, a separate stop order with
    /// the take profit watched locally; if the symbol cannot hold stop orders, a local guard stop.
    /// </summary>
    public sealed record Bracket : OrderIntentSpec
    {
        public required decimal Quantity { get; init; }
        public required decimal TakeProfitPrice { get; init; }
        public required decimal StopPrice { get; init; }
    }

    /// <summary>
    /// A futures TRAILING_STOP_MARKET algo order (reduce-only, on the mark price): from <see cref="ActivationPrice"/>
    /// (or at once, when null) it follows the best price and closes when the price falls back by
    /// <see cref="CallbackRatePercent"/>.
    /// </summary>
    public sealed record TrailingStop : OrderIntentSpec
    {
        public required OrderSide Side { get; init; }
        public required decimal Quantity { get; init; }
        public required decimal CallbackRatePercent { get; init; }
        public decimal? ActivationPrice { get; init; }
    }

    /// <summary>Cancels one of our orders (plain or conditional) by client id.</summary>
    public sealed record Cancel : OrderIntentSpec
    {
        public required ClientOrderId Target { get; init; }
        public bool Conditional { get; init; }
    }
}
