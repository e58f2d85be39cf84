using TradingActors.Exchange;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Orders;

/// <summary>What an intent does next, as its planner decides it; the actor journals and sends it.</summary>
public abstract record IntentStep
{
    /// <summary>Nothing to do until something changes (an answer, a timer, a quote).</summary>
    public sealed record Wait : IntentStep
    {
        public static readonly Wait Instance = new();
    }

    /// <summary>The step depends on the whole state: ask the planner for the next step.</summary>
    public sealed record Continue : IntentStep
    {
        public static readonly Continue Instance = new();
    }

    /// <summary>A plain order (MARKET, post-only, IOC, FOK limit, or a spot STOP_LOSS at <see cref="Price"/>).</summary>
    public sealed record PlaceOrder(string Leg, LegKind Kind, OrderSide Side, decimal Quantity, decimal? Price, bool ReduceOnly = false) : IntentStep
    {
        /// <summary>A maker order is cancelled when this window passes.</summary>
        public TimeSpan? MakerWindow { get; init; }

        /// <summary>A TWAP slice: the next one is due after this interval.</summary>
        public TimeSpan? NextSliceIn { get; init; }
    }

    /// <summary>A futures STOP_MARKET (or with <see cref="TakeProfit"/> a TAKE_PROFIT_MARKET) algo order.</summary>
    public sealed record PlaceConditional(string Leg, OrderSide Side, decimal Quantity, decimal TriggerPrice, bool TakeProfit, bool ClosePosition) : IntentStep;

    /// <summary>A futures TRAILING_STOP_MARKET algo order, reduce-only; without <see cref="ActivationPrice"/> it trails from now.</summary>
    public sealed record PlaceTrailingStop(string Leg, OrderSide Side, decimal Quantity, decimal CallbackRatePercent, decimal? ActivationPrice) : IntentStep;

    /// <summary>A spot OCO selling <see cref="Quantity"/> at the take profit or the stop.</summary>
    public sealed record PlaceOco(decimal Quantity, decimal TakeProfitPrice, decimal StopPrice) : IntentStep;

    /// <summary>Cancel an order that is not ours to work (a cancel intent), under leg <see cref="Leg"/>.</summary>
    public sealed record CancelOrder(string Leg, ClientOrderId Target, bool Conditional) : IntentStep;

    /// <summary>Cancel one of the intent's own legs; with <see cref="ThenExit"/> the guard's market exit follows its acceptance.</summary>
    public sealed record CancelLeg(string Leg, bool ThenExit = false) : IntentStep;

    /// <summary>The leg's order now protects the position.</summary>
    public sealed record Establish(string Leg, ProtectionKind Kind, decimal TriggerPrice) : IntentStep;

    /// <summary>The venue cannot hold the stop: this node watches the price and sells at market when it crosses.</summary>
    public sealed record ArmGuard(decimal Quantity, decimal TriggerPrice, string Reason) : IntentStep;

    /// <summary>The OCO was refused: its two orders are ended and a separate stop is placed instead.</summary>
    public sealed record ReplaceOcoWithStop(decimal Quantity, decimal StopPrice) : IntentStep;

    /// <summary>The intent ends with <see cref="Status"/> (once every execution's trades are recorded).</summary>
    public sealed record Finish(IntentStatus Status, string Reason) : IntentStep;
}
