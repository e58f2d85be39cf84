using System.Text.Json.Serialization;

namespace TradingActors.Trading.Orders;

/// <summary>How an intent to buy or sell is worked into exchange orders.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "policy")]
[JsonDerivedType(typeof(Market), "market")]
[JsonDerivedType(typeof(PostOnly), "postOnly")]
[JsonDerivedType(typeof(MakerThenTaker), "makerThenTaker")]
[JsonDerivedType(typeof(Twap), "twap")]
[JsonDerivedType(typeof(PriceChase), "priceChase")]
public abstract record ExecutionPolicy
{
    /// <summary>One MARKET order.</summary>
    public sealed record Market : ExecutionPolicy;

    /// <summary>A post-only limit at the touch; a rejection for taking liquidity ends the intent.</summary>
    public sealed record PostOnly : ExecutionPolicy;

    /// <summary>
    /// A post-only limit at the touch, cancelled when <see cref="Window"/> passes or the venue refuses it as
    /// a taker; what did not fill is then worked by <see cref="Fallback"/>. Partial fills carry over.
    /// </summary>
    public sealed record MakerThenTaker(TimeSpan Window, ExecutionPolicy Fallback) : ExecutionPolicy;

    /// <summary>The quantity cut into <see cref="Slices"/> MARKET orders, <see cref="Interval"/> apart.</summary>
    public sealed record Twap(int Slices, TimeSpan Interval) : ExecutionPolicy;

    /// <summary>
    /// Limit orders at the far touch plus one tick (a sell at best bid minus a tick, a buy at best ask plus a
    /// tick) as IOC or FOK, up to <see cref="Attempts"/> times, then MARKET for what is left.
    /// </summary>
    public sealed record PriceChase(int Attempts, bool FillOrKill) : ExecutionPolicy;
}
