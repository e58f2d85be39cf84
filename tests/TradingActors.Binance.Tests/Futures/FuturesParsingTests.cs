using System.Text.Json;
using TradingActors.Binance.Common;
using TradingActors.Binance.Futures.Http;
using TradingActors.Binance.Futures.WebSocket;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Futures;

/// <summary>Payloads written from the reference (binance-api.md, sections 3, 4, 6, 7, 8).</summary>
public sealed class FuturesParsingTests
{
    [Fact]
    public void Order_json_parses_with_reduce_only_position_side_and_average_price()
    {
        const string json = """
            {"avgPrice":"0.00000","clientOrderId":"abc","cumQuote":"0","executedQty":"0","orderId":1917641,"origQty":"0.40","origType":"LIMIT",
             "price":"0","reduceOnly":true,"side":"BUY","positionSide":"SHORT","status":"NEW","stopPrice":"9300","closePosition":false,
             "symbol":"BTCUSDT","time":1579276756075,"timeInForce":"GTX","type":"LIMIT","activatePrice":"9020","priceRate":"0.3",
             "updateTime":1579276756075,"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}
            """;

        var order = FuturesParsing.ToSnapshot(BinanceJson.Deserialize<FuturesOrderWire>(json));

        Assert.Equal(Market.Futures, order.Market);
        Assert.Equal(1917641, order.OrderId);
        Assert.True(order.ReduceOnly);
        Assert.Equal(PositionSide.Short, order.PositionSide);
        Assert.Equal(TimeInForce.PostOnly, order.TimeInForce);
        Assert.Equal(WorkingType.ContractPrice, order.WorkingType);
        Assert.Equal(0.4m, order.OriginalQuantity);
        Assert.Equal(OrderStatus.New, order.Status);
    }

    [Fact]
    public void Algo_order_json_parses_to_a_conditional_order_snapshot()
    {
        const string json = """
            {"algoId":2146760,"clientAlgoId":"ta-sl-7","algoType":"CONDITIONAL","orderType":"STOP_MARKET","symbol":"BTCUSDT","side":"SELL",
             "positionSide":"BOTH","timeInForce":"GTC","quantity":"0.000","algoStatus":"NEW","triggerPrice":"60000.00","price":"0.00",
             "icebergQuantity":null,"selfTradePreventionMode":"EXPIRE_MAKER","workingType":"MARK_PRICE","priceMatch":"NONE","closePosition":true,
             "priceProtect":false,"reduceOnly":false,"activatePrice":"","callbackRate":"","createTime":1750485492076,"updateTime":1750485492076,
             "triggerTime":0,"goodTillDate":0}
            """;

        var algo = FuturesParsing.ToSnapshot(BinanceJson.Deserialize<FuturesAlgoOrderWire>(json));

        Assert.Equal(2146760, algo.AlgoId);
        Assert.Equal("ta-sl-7", algo.ClientAlgoId.Value);
        Assert.Equal(ConditionalOrderType.StopMarket, algo.Type);
        Assert.Equal(AlgoOrderStatus.New, algo.Status);
        Assert.Equal(60000m, algo.TriggerPrice);
        Assert.True(algo.ClosePosition);
        Assert.Equal(WorkingType.MarkPrice, algo.WorkingType);
        Assert.Null(algo.TriggeredOrderId);
    }

    [Fact]
    public void Position_risk_parses_signed_amount_leverage_and_lower_case_margin_type()
    {
        const string json = """
            [{"entryPrice":"0.00000","breakEvenPrice":"0.0","marginType":"isolated","isAutoAddMargin":"false","isolatedMargin":"0.00000000",
              "leverage":"10","liquidationPrice":"0","markPrice":"6679.50671178","maxNotionalValue":"20000000","positionAmt":"-0.003",
              "notional":"0","isolatedWallet":"0","symbol":"BTCUSDT","unRealizedProfit":"0.00000000","positionSide":"BOTH","updateTime":0}]
            """;

        var position = Assert.Single(BinanceJson.Deserialize<List<PositionRiskWire>>(json).Select(FuturesParsing.ToPosition));

        Assert.Equal(-0.003m, position.Quantity);
        Assert.Equal(10, position.Leverage);
        Assert.Equal(MarginType.Isolated, position.MarginType);
        Assert.Equal(6679.50671178m, position.MarkPrice);
        Assert.Equal(PositionSide.Both, position.Side);
    }

    [Fact]
    public void User_trades_parse_with_realized_pnl()
    {
        const string json = """
            [{"buyer":false,"commission":"-0.07819010","commissionAsset":"USDT","id":698759,"maker":false,"orderId":25851813,"price":"7819.01",
              "qty":"0.002","quoteQty":"15.63802","realizedPnl":"-0.91539999","side":"SELL","positionSide":"SHORT","symbol":"BTCUSDT","time":1569514978020}]
            """;

        var fill = Assert.Single(BinanceJson.Deserialize<List<FuturesTradeWire>>(json).Select(FuturesParsing.ToFill));

        Assert.Equal(OrderSide.Sell, fill.Side);
        Assert.Equal(-0.91539999m, fill.RealizedPnl);
        Assert.Equal(-0.0781901m, fill.Commission);
    }

    [Fact]
    public void Order_trade_update_parses_to_an_order_update_with_its_fill()
    {
        const string json = """
            {"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","o":"TRAILING_STOP_MARKET",
             "f":"GTC","q":"0.001","p":"0","ap":"9356.5","sp":"7103.04","x":"TRADE","X":"FILLED","i":8886774,"l":"0.001","z":"0.001","L":"9356.5",
             "N":"USDT","n":"0.0037426","T":1568879465650,"t":123,"b":"0","a":"9.91","m":false,"R":true,"wt":"CONTRACT_PRICE","ot":"TRAILING_STOP_MARKET",
             "ps":"LONG","cp":false,"AP":"7476.89","cr":"5.0","pP":false,"si":0,"ss":0,"rp":"1.5","V":"EXPIRE_TAKER","pm":"OPPONENT","gtd":0,"er":"0"}}
            """;

        var update = Assert.IsType<OrderUpdated>(FuturesUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal(ExecutionType.Trade, update.ExecutionType);
        Assert.Equal(OrderStatus.Filled, update.Order.Status);
        Assert.Equal(OrderType.TrailingStopMarket, update.Order.Type);
        Assert.Equal(9356.5m, update.Order.AveragePrice);
        Assert.True(update.Order.ReduceOnly);
        Assert.Equal(PositionSide.Long, update.Order.PositionSide);
        Assert.NotNull(update.LastFill);
        Assert.Equal(123, update.LastFill.TradeId);
        Assert.Equal(1.5m, update.LastFill.RealizedPnl);
        Assert.Equal(0.0037426m, update.LastFill.Commission);
        Assert.Null(update.Reason);
    }

    [Fact]
    public void Order_trade_update_of_an_ioc_remainder_names_the_expiry_reason()
    {
        const string json = """
            {"e":"ORDER_TRADE_UPDATE","E":1,"T":1,"o":{"s":"BTCUSDT","c":"ta-x","S":"BUY","o":"LIMIT","f":"IOC","q":"1","p":"100","ap":"0","sp":"0",
             "x":"EXPIRED","X":"EXPIRED","i":1,"l":"0","z":"0","L":"0","n":"0","T":1,"t":0,"m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","er":2}}
            """;

        var update = Assert.IsType<OrderUpdated>(FuturesUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal("IOC_REMAINDER", update.Reason);
        Assert.Equal(TimeInForce.ImmediateOrCancel, update.Order.TimeInForce);
    }

    [Fact]
    public void Account_update_parses_balances_and_positions()
    {
        const string json = """
            {"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER",
             "B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"50.12345678"}],
             "P":[{"s":"BTCUSDT","pa":"0","ep":"0.00000","bep":"0","cr":"200","up":"0","mt":"isolated","iw":"0.00000000","ps":"BOTH"},
                  {"s":"BTCUSDT","pa":"20","ep":"6563.66500","bep":"6563.6","cr":"0","up":"2850.21200","mt":"isolated","iw":"13200.70726908","ps":"LONG"}]}}
            """;

        var update = Assert.IsType<AccountUpdated>(FuturesUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal("ORDER", update.Reason);
        Assert.Equal(122624.12345678m, Assert.Single(update.Balances).Total);
        Assert.Equal(2, update.Positions.Count);
        Assert.True(update.Positions[0].IsFlat);
        Assert.Equal(20m, update.Positions[1].Quantity);
        Assert.Equal(6563.665m, update.Positions[1].EntryPrice);
        Assert.Equal(MarginType.Isolated, update.Positions[1].MarginType);
        Assert.Equal(PositionSide.Long, update.Positions[1].Side);
    }

    [Fact]
    public void Algo_update_parses_to_a_conditional_order_update_with_the_triggered_order_id()
    {
        const string json = """
            {"e":"ALGO_UPDATE","T":1750515742297,"E":1750515742303,"o":{"caid":"Q5xaq5EGKgXXa0fD7fs0Ip","aid":2148719,"at":"CONDITIONAL","o":"TAKE_PROFIT",
             "s":"BNBUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0.01","X":"TRIGGERED","ai":"12345","ap":"0.00000","aq":"0.00000","act":"0",
             "tp":"750","p":"750","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":false,"tt":0,"gtd":0}}
            """;

        var update = Assert.IsType<AlgoOrderUpdated>(FuturesUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal("Q5xaq5EGKgXXa0fD7fs0Ip", update.Order.ClientAlgoId.Value);
        Assert.Equal(2148719, update.Order.AlgoId);
        Assert.Equal(ConditionalOrderType.TakeProfit, update.Order.Type);
        Assert.Equal(AlgoOrderStatus.Triggered, update.Order.Status);
        Assert.Equal(12345, update.Order.TriggeredOrderId);
        Assert.Equal(750m, update.Order.TriggerPrice);
    }

    [Fact]
    public void Listen_key_expired_is_recognised_and_not_a_domain_event()
    {
        var evt = JsonDocument.Parse("""{"e":"listenKeyExpired","E":1576653824250,"listenKey":"OfYGbUzi3PraNagEkdKuFwUHn48brFsItTdsuiIXrucEvD0rhRXZ7I6URWfE8YE8"}""").RootElement;

        Assert.Equal(FuturesUserDataParsing.ListenKeyExpired, FuturesUserDataParsing.EventType(evt));
        Assert.Null(FuturesUserDataParsing.Parse(evt));
    }

    [Fact]
    public void Futures_book_ticker_parses_with_its_event_time()
    {
        const string json = """{"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BTCUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}""";

        var ticker = Assert.IsType<BookTicker>(MarketStreamParsing.ParseCombined(Market.Futures, json, DateTimeOffset.UnixEpoch));

        Assert.Equal(Market.Futures, ticker.Market);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1568014460893), ticker.EventTime);
        Assert.Equal(25.3652m, ticker.AskPrice);
    }

    [Fact]
    public void Mark_price_update_parses_mark_index_and_funding()
    {
        const string json = """{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}}""";

        var mark = Assert.IsType<MarkPrice>(MarketStreamParsing.ParseCombined(Market.Futures, json, DateTimeOffset.UnixEpoch));

        Assert.Equal(11794.15m, mark.Price);
        Assert.Equal(11784.62659091m, mark.IndexPrice);
        Assert.Equal(0.00038167m, mark.FundingRate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1562306400000), mark.NextFundingTime);
    }

    [Fact]
    public void Futures_partial_depth_parses_its_levels()
    {
        const string json = """{"stream":"btcusdt@depth5","data":{"e":"depthUpdate","E":1571889248277,"T":1571889248276,"s":"BTCUSDT","U":390497796,"u":390497878,"pu":390497794,"b":[["7403.89","0.002"],["7403.90","3.906"]],"a":[["7405.96","3.340"]]}}""";

        var depth = Assert.IsType<Depth>(MarketStreamParsing.ParseCombined(Market.Futures, json, DateTimeOffset.UnixEpoch));

        Assert.Equal(390497878, depth.LastUpdateId);
        Assert.Equal(2, depth.Bids.Count);
        Assert.Equal(new PriceLevel(7405.96m, 3.34m), Assert.Single(depth.Asks));
    }
}
