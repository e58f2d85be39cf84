using System.Text.Json;
using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>
/// Market stream payloads to domain events. The stream name decides the payload type, because spot
/// book tickers and depth snapshots carry no event type.
/// </summary>
internal static class MarketStreamParsing
{
    /// <summary>Parses a combined-stream message; null for control answers such as <c>{"result":null,"id":1}</c>.</summary>
    public static MarketDataEvent? ParseCombined(Market market, string json, DateTimeOffset receivedAt)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (!root.TryGetProperty("stream", out var stream) || !root.TryGetProperty("data", out var data))
        {
            return null;
        }

        return Parse(market, stream.GetString() ?? string.Empty, data, receivedAt);
    }

    public static MarketDataEvent? Parse(Market market, string stream, JsonElement data, DateTimeOffset receivedAt)
    {
        var at = stream.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var streamSymbol = new Symbol(stream[..at]);
        var kind = stream[(at + 1)..];
        if (kind == "bookTicker")
        {
            var w = BinanceJson.Deserialize<BookTickerWire>(data);
            return new BookTicker
            {
                Market = market,
                Symbol = w.Symbol.Length > 0 ? new Symbol(w.Symbol) : streamSymbol,
                EventTime = w.EventTime > 0 ? BinanceJson.Time(w.EventTime) : receivedAt,
                UpdateId = w.UpdateId,
                BidPrice = w.BidPrice,
                BidQuantity = w.BidQty,
                AskPrice = w.AskPrice,
                AskQuantity = w.AskQty,
            };
        }

        if (kind == "aggTrade" || kind == "trade")
        {
            var w = BinanceJson.Deserialize<AggTradeWire>(data);
            return new Trade
            {
                Market = market,
                Symbol = new Symbol(w.Symbol),
                EventTime = BinanceJson.Time(w.EventTime),
                TradeId = w.AggregateId,
                Price = w.Price,
                Quantity = w.Quantity,
                BuyerIsMaker = w.BuyerIsMaker,
                TradeTime = BinanceJson.Time(w.TradeTime),
            };
        }

        if (kind.StartsWith("kline_", StringComparison.Ordinal))
        {
            var w = BinanceJson.Deserialize<KlineEventWire>(data);
            var k = w.Kline;
            return new Kline
            {
                Market = market,
                Symbol = new Symbol(w.Symbol),
                EventTime = BinanceJson.Time(w.EventTime),
                Interval = k.Interval,
                OpenTime = BinanceJson.Time(k.OpenTime),
                CloseTime = BinanceJson.Time(k.CloseTime),
                Open = k.Open,
                High = k.High,
                Low = k.Low,
                Close = k.Close,
                Volume = k.Volume,
                QuoteVolume = k.QuoteVolume,
                TradeCount = k.TradeCount,
                IsClosed = k.IsClosed,
            };
        }

        if (kind.StartsWith("markPrice", StringComparison.Ordinal))
        {
            var w = BinanceJson.Deserialize<MarkPriceWire>(data);
            return new MarkPrice
            {
                Market = market,
                Symbol = new Symbol(w.Symbol),
                EventTime = BinanceJson.Time(w.EventTime),
                Price = w.MarkPrice,
                IndexPrice = w.IndexPrice,
                FundingRate = w.FundingRate,
                NextFundingTime = BinanceJson.Time(w.NextFundingTime),
            };
        }

        if (kind.StartsWith("depth", StringComparison.Ordinal))
        {
            if (data.TryGetProperty("e", out _))
            {
                var f = BinanceJson.Deserialize<FuturesDepthWire>(data);
                return new Depth
                {
                    Market = market,
                    Symbol = new Symbol(f.Symbol),
                    EventTime = BinanceJson.Time(f.EventTime),
                    LastUpdateId = f.LastUpdateId,
                    Bids = Levels(f.Bids),
                    Asks = Levels(f.Asks),
                };
            }

            var s = BinanceJson.Deserialize<SpotDepthWire>(data);
            return new Depth
            {
                Market = market,
                Symbol = streamSymbol,
                EventTime = receivedAt,
                LastUpdateId = s.LastUpdateId,
                Bids = Levels(s.Bids),
                Asks = Levels(s.Asks),
            };
        }

        return null;
    }

    /// <summary>Binance stream name (lower-case symbol) for one subscription.</summary>
    public static string StreamName(Market market, MarketDataSubscription s)
    {
        var symbol = s.Symbol.Value.ToLowerInvariant();
        return s.Kind switch
        {
            MarketDataKind.BookTicker => $"{symbol}@bookTicker",
            MarketDataKind.Trade => $"{symbol}@aggTrade",
            MarketDataKind.Kline => $"{symbol}@kline_{s.Interval ?? throw new ArgumentException("A kline subscription needs an interval.", nameof(s))}",
            MarketDataKind.Depth when s.DepthLevels is 5 or 10 or 20 => $"{symbol}@depth{s.DepthLevels}",
            MarketDataKind.Depth => throw new ArgumentException("Depth levels must be 5, 10 or 20.", nameof(s)),
            MarketDataKind.MarkPrice when market == Market.Futures => $"{symbol}@markPrice@1s",
            MarketDataKind.MarkPrice => throw new ArgumentException("Spot has no mark price stream.", nameof(s)),
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, null),
        };
    }

    private static PriceLevel[] Levels(List<List<decimal>> levels) =>
        [.. levels.Where(l => l.Count >= 2).Select(l => new PriceLevel(l[0], l[1]))];
}
