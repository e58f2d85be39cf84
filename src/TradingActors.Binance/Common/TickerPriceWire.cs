using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary>A price ticker (spot <c>/api/v3/ticker/price</c>, futures <c>/fapi/v1/ticker/price</c>) for one symbol.</summary>
internal sealed class TickerPriceWire
{
    [JsonPropertyName("symbol")] public string Symbol { get; init; } = string.Empty;
    [JsonPropertyName("price")] public decimal Price { get; init; }
}
