using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Positions;

/// <summary>
/// Where a position's trailing stop lives. On futures the exchange holds it, as a reduce-only TRAILING_STOP_MARKET
/// algo order whose callback rate is the trailing distance in percent, so it keeps trailing while no node runs; it
/// rests beside the fixed stop, which keeps protecting until the trailing stop has passed it. Binance takes callback
/// rates from 0.1 % to 10 % in steps of 0.1: a distance outside that range is trailed by the node, which moves the
/// stop itself, as on spot (no trailing order there for a stop that must not lock the balance twice).
/// </summary>
public static class TrailingStopPlan
{
    public const decimal MinCallbackRatePercent = 0.1m;
    public const decimal MaxCallbackRatePercent = 10m;

    /// <summary>The callback rate (percent) the exchange trails at, or null when the node must trail.</summary>
    public static decimal? CallbackRatePercent(Market market, decimal? distance)
    {
        if (market != Market.Futures || distance is not { } fraction)
        {
            return null;
        }

        var rate = Math.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero);
        return rate is >= MinCallbackRatePercent and <= MaxCallbackRatePercent ? rate : null;
    }

    /// <summary>The exchange trails this position's stop (a futures distance within Binance's range).</summary>
    public static bool OnExchange(PositionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CallbackRatePercent(data.Market, data.TrailingDistance) is not null;
    }

    /// <summary>Why a futures trailing distance is trailed by the node, or null when the exchange trails it (or it is spot).</summary>
    public static string? WhyTrailedLocally(Market market, decimal? distance) =>
        market == Market.Futures && distance is { } fraction && CallbackRatePercent(market, distance) is null
            ? $"trailing distance {fraction * 100m:0.###}% is outside Binance's callback rate range ({MinCallbackRatePercent}% to {MaxCallbackRatePercent}%): "
              + "this node trails the stop itself, and it does not trail while no node runs"
            : null;

    /// <summary>
    /// The price from which the exchange trails: where the trailing stop stands at the position's stop, so it starts
    /// no looser than the stop; null (trail from now) when the price is already there, within a quarter of the callback.
    /// </summary>
    /// <param name="exitPrice">The price an exit gets now: the bid for a long, the ask for a short.</param>
    public static decimal? ActivationPrice(PositionDirection direction, decimal stopPrice, decimal callbackRatePercent, decimal exitPrice, decimal tickSize)
    {
        var rate = callbackRatePercent / 100m;
        var tick = tickSize > 0m ? tickSize : 0.01m;
        if (direction == PositionDirection.Long)
        {
            var activation = Math.Ceiling(stopPrice / (1m - rate) / tick) * tick;
            return activation > exitPrice * (1m + (rate / 4m)) ? activation : null;
        }

        var shortActivation = Math.Floor(stopPrice / (1m + rate) / tick) * tick;
        return shortActivation < exitPrice * (1m - (rate / 4m)) ? shortActivation : null;
    }
}
