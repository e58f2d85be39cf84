using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary><c>exchangeInfo</c> as both products send it (only the fields the connector uses).</summary>
internal sealed class ExchangeInfoWire
{
    [JsonPropertyName("serverTime")]
    public long ServerTime { get; init; }

    [JsonPropertyName("symbols")]
    public List<ExchangeInfoSymbolWire> Symbols { get; init; } = [];
}

internal sealed class ExchangeInfoSymbolWire
{
    [JsonPropertyName("symbol")]
    public string Symbol { get; init; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("baseAsset")]
    public string BaseAsset { get; init; } = string.Empty;

    [JsonPropertyName("quoteAsset")]
    public string QuoteAsset { get; init; } = string.Empty;

    [JsonPropertyName("ocoAllowed")]
    public bool OcoAllowed { get; init; }

    [JsonPropertyName("filters")]
    public List<SymbolFilterWire> Filters { get; init; } = [];
}

/// <summary>One filter; which fields are set depends on <see cref="FilterType"/>.</summary>
internal sealed class SymbolFilterWire
{
    [JsonPropertyName("filterType")]
    public string FilterType { get; init; } = string.Empty;

    [JsonPropertyName("minPrice")]
    public decimal? MinPrice { get; init; }

    [JsonPropertyName("maxPrice")]
    public decimal? MaxPrice { get; init; }

    [JsonPropertyName("tickSize")]
    public decimal? TickSize { get; init; }

    [JsonPropertyName("minQty")]
    public decimal? MinQty { get; init; }

    [JsonPropertyName("maxQty")]
    public decimal? MaxQty { get; init; }

    [JsonPropertyName("stepSize")]
    public decimal? StepSize { get; init; }

    [JsonPropertyName("minNotional")]
    public decimal? MinNotional { get; init; }

    [JsonPropertyName("notional")]
    public decimal? Notional { get; init; }
}
