using System.Text.Json;
using TradingActors.Binance.Common;
using TradingActors.Binance.Spot.Http;
using TradingActors.Binance.Spot.WebSocket;
using TradingActors.Exchange;

namespace TradingActors.Binance.Tests.Spot;

/// <summary>Payloads written from the reference (binance-api.md, sections 3-5, 7, 8).</summary>
public sealed class SpotParsingTests
{
    [Fact]
    public void New_order_result_parses_to_a_snapshot_with_average_price_from_cumulative_quote()
    {
        const string json = """
            {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"ta-entry-1","transactTime":1507725176595,
             "price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000","origQuoteOrderQty":"0.000000",
             "cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL",
             "workingTime":1507725176595,"selfTradePreventionMode":"NONE"}
            """;

        var order = SpotParsing.ToSnapshot(BinanceJson.Deserialize<SpotOrderWire>(json));

        Assert.Equal(Market.Spot, order.Market);
        Assert.Equal(28, order.OrderId);
        Assert.Equal("ta-entry-1", order.ClientOrderId.Value);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(OrderType.Market, order.Type);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(10m, order.ExecutedQuantity);
        Assert.Equal(1m, order.AveragePrice);
        Assert.Null(order.OrderListId);
    }

    [Fact]
    public void Query_order_json_parses_including_stop_price_and_post_only()
    {
        const string json = """
            {"symbol":"LTCBTC","orderId":1,"orderListId":-1,"clientOrderId":"myOrder1","price":"0.1","origQty":"1.0","executedQty":"0.0",
             "cummulativeQuoteQty":"0.0","status":"NEW","timeInForce":"GTC","type":"LIMIT_MAKER","side":"BUY","stopPrice":"0.0",
             "icebergQty":"0.0","time":1499827319559,"updateTime":1499827319559,"isWorking":true,"workingTime":1499827319559,
             "origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}
            """;

        var order = SpotParsing.ToSnapshot(BinanceJson.Deserialize<SpotOrderWire>(json));

        Assert.Equal(OrderType.Limit, order.Type);
        Assert.Equal(TimeInForce.PostOnly, order.TimeInForce);
        Assert.Equal(0.1m, order.Price);
        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1499827319559), order.UpdatedAt);
    }

    [Fact]
    public void Cancel_answer_reports_the_order_under_its_original_client_id()
    {
        const string json = """
            {"symbol":"LTCBTC","origClientOrderId":"myOrder1","orderId":4,"orderListId":-1,"clientOrderId":"cancelMyOrder1",
             "transactTime":1684804350068,"price":"2.00000000","origQty":"1.00000000","executedQty":"0.00000000",
             "cummulativeQuoteQty":"0.00000000","status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"BUY","selfTradePreventionMode":"NONE"}
            """;

        var order = SpotParsing.ToSnapshot(BinanceJson.Deserialize<SpotOrderWire>(json));

        Assert.Equal("myOrder1", order.ClientOrderId.Value);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.True(order.IsTerminal);
    }

    [Fact]
    public void OCO_response_parses_to_an_order_list_with_both_legs()
    {
        const string json = """
            {"orderListId":1,"contingencyType":"OCO","listStatusType":"EXEC_STARTED","listOrderStatus":"EXECUTING",
             "listClientOrderId":"lH1YDkuQKWiXVXHPSKYEIp","transactionTime":1710485608839,"symbol":"LTCBTC",
             "orders":[{"symbol":"LTCBTC","orderId":10,"clientOrderId":"44nZvqpemY7sVYgPYbvPih"},
                       {"symbol":"LTCBTC","orderId":11,"clientOrderId":"NuMp0nVYnciDiFmVqfpBqK"}],
             "orderReports":[
               {"symbol":"LTCBTC","orderId":10,"orderListId":1,"clientOrderId":"44nZvqpemY7sVYgPYbvPih","transactTime":1710485608839,
                "price":"1.00000000","origQty":"5.00000000","executedQty":"0.00000000","origQuoteOrderQty":"0.000000","cummulativeQuoteQty":"0.00000000",
                "status":"NEW","timeInForce":"GTC","type":"STOP_LOSS_LIMIT","side":"SELL","stopPrice":"1.00000000","workingTime":-1,"selfTradePreventionMode":"NONE"},
               {"symbol":"LTCBTC","orderId":11,"orderListId":1,"clientOrderId":"NuMp0nVYnciDiFmVqfpBqK","transactTime":1710485608839,
                "price":"3.00000000","origQty":"5.00000000","executedQty":"0.00000000","origQuoteOrderQty":"0.000000","cummulativeQuoteQty":"0.00000000",
                "status":"NEW","timeInForce":"GTC","type":"LIMIT_MAKER","side":"SELL","workingTime":1710485608839,"selfTradePreventionMode":"NONE"}]}
            """;

        var list = SpotParsing.ToOrderList(BinanceJson.Deserialize<SpotOrderListWire>(json));

        Assert.Equal(1, list.OrderListId);
        Assert.Equal(OrderListStatus.Executing, list.Status);
        Assert.Equal("lH1YDkuQKWiXVXHPSKYEIp", list.ListClientOrderId.Value);
        Assert.Equal([10L, 11L], list.Legs.Select(l => l.OrderId));
        Assert.Equal(2, list.Orders.Count);
        Assert.Equal(OrderType.StopLossLimit, list.Orders[0].Type);
        Assert.Equal(1m, list.Orders[0].StopPrice);
        Assert.Equal(1, list.Orders[1].OrderListId);
    }

    [Fact]
    public void My_trades_parse_to_fills_with_side_from_is_buyer()
    {
        const string json = """
            [{"symbol":"BNBBTC","id":28457,"orderId":100234,"orderListId":-1,"price":"4.00000100","qty":"12.00000000","quoteQty":"48.000012",
              "commission":"10.10000000","commissionAsset":"BNB","time":1499865549590,"isBuyer":true,"isMaker":false,"isBestMatch":true}]
            """;

        var fill = Assert.Single(BinanceJson.Deserialize<List<SpotTradeWire>>(json).Select(SpotParsing.ToFill));

        Assert.Equal(28457, fill.TradeId);
        Assert.Equal(OrderSide.Buy, fill.Side);
        Assert.Equal(4.000001m, fill.Price);
        Assert.Equal(10.1m, fill.Commission);
        Assert.False(fill.IsMaker);
    }

    [Fact]
    public void Account_balances_sum_free_and_locked()
    {
        const string json = """{"makerCommission":15,"balances":[{"asset":"BTC","free":"4723846.89208129","locked":"0.00000000"},{"asset":"LTC","free":"4763368.68006011","locked":"1.5"}]}""";

        var balances = SpotParsing.ToBalances(BinanceJson.Deserialize<SpotAccountWire>(json));

        Assert.Equal(new Balance("LTC", 4763370.18006011m, 4763368.68006011m), balances[1]);
    }

    [Fact]
    public void Execution_report_with_a_trade_parses_to_an_order_update_with_its_fill()
    {
        const string json = """
            {"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC",
             "q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED",
             "r":"NONE","i":4293153,"l":"0.40000000","z":"0.40000000","L":"0.10264400","n":"0.00004","N":"BNB","T":1499405658657,
             "t":7,"I":8641984,"w":false,"m":true,"M":false,"O":1499405658657,"Z":"0.04105760","Y":"0.04105760","Q":"0.00000000",
             "W":1499405658657,"V":"NONE"}
            """;

        var update = Assert.IsType<OrderUpdated>(SpotUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal(ExecutionType.Trade, update.ExecutionType);
        Assert.Equal(OrderStatus.PartiallyFilled, update.Order.Status);
        Assert.Equal("mUvoqJxFIILMdfAW5iGSOW", update.Order.ClientOrderId.Value);
        Assert.Equal(0.1026441m, update.Order.Price);
        Assert.Equal(0.4m, update.Order.ExecutedQuantity);
        Assert.Equal(0.102644m, update.Order.AveragePrice);
        Assert.NotNull(update.LastFill);
        Assert.Equal(7, update.LastFill.TradeId);
        Assert.Equal(0.102644m, update.LastFill.Price);
        Assert.Equal(0.4m, update.LastFill.Quantity);
        Assert.True(update.LastFill.IsMaker);
        Assert.Null(update.Reason);
    }

    [Fact]
    public void Execution_report_of_a_cancel_names_the_order_by_its_original_client_id()
    {
        const string json = """
            {"e":"executionReport","E":1,"s":"BTCUSDT","c":"cancel-req-1","S":"SELL","o":"LIMIT_MAKER","f":"GTC","q":"1","p":"70000","P":"0",
             "g":-1,"C":"ta-tp-1","x":"CANCELED","X":"CANCELED","r":"NONE","i":9,"l":"0","z":"0","L":"0","n":"0","N":null,"T":2,"t":-1,
             "m":false,"Z":"0","Y":"0"}
            """;

        var update = Assert.IsType<OrderUpdated>(SpotUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal("ta-tp-1", update.Order.ClientOrderId.Value);
        Assert.Equal(ExecutionType.Canceled, update.ExecutionType);
        Assert.Equal(TimeInForce.PostOnly, update.Order.TimeInForce);
        Assert.Null(update.LastFill);
    }

    [Fact]
    public void Execution_report_of_an_expired_OCO_leg_carries_its_expiry_reason()
    {
        const string json = """
            {"e":"executionReport","E":1,"s":"BTCUSDT","c":"ta-sl-1","S":"SELL","o":"STOP_LOSS_LIMIT","f":"GTC","q":"1","p":"60000","P":"60500",
             "g":5,"C":"","x":"EXPIRED","X":"EXPIRED","r":"NONE","i":10,"l":"0","z":"0","L":"0","n":"0","N":null,"T":2,"t":-1,
             "m":false,"Z":"0","Y":"0","eR":"OCO_TRIGGER"}
            """;

        var update = Assert.IsType<OrderUpdated>(SpotUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal("OCO_TRIGGER", update.Reason);
        Assert.Equal(5, update.Order.OrderListId);
        Assert.Equal(60500m, update.Order.StopPrice);
    }

    [Fact]
    public void Outbound_account_position_parses_to_balances()
    {
        const string json = """{"e":"outboundAccountPosition","E":1564034571105,"u":1564034571073,"B":[{"a":"ETH","f":"10000.000000","l":"0.000000"}]}""";

        var update = Assert.IsType<AccountUpdated>(SpotUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal(new Balance("ETH", 10000m, 10000m), Assert.Single(update.Balances));
    }

    [Fact]
    public void List_status_parses_to_an_order_list_update()
    {
        const string json = """
            {"e":"listStatus","E":1564035303637,"s":"ETHBTC","g":2,"c":"OCO","l":"EXEC_STARTED","L":"EXECUTING","r":"NONE",
             "C":"F4QN4G8DlFATFlIUQ0cjdD","T":1564035303625,"O":[{"s":"ETHBTC","i":17,"c":"AJYsMjErWJesZvqlJCTUgL"},{"s":"ETHBTC","i":18,"c":"bfYPSQdLoqAJeNrOr9adzq"}]}
            """;

        var update = Assert.IsType<OrderListUpdated>(SpotUserDataParsing.Parse(JsonDocument.Parse(json).RootElement));

        Assert.Equal(2, update.OrderList.OrderListId);
        Assert.Equal("F4QN4G8DlFATFlIUQ0cjdD", update.OrderList.ListClientOrderId.Value);
        Assert.Equal(OrderListStatus.Executing, update.OrderList.Status);
        Assert.Equal(2, update.OrderList.Legs.Count);
    }

    [Fact]
    public void Spot_book_ticker_without_event_fields_parses_from_the_combined_envelope()
    {
        const string json = """{"stream":"bnbusdt@bookTicker","data":{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}""";
        var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        var ticker = Assert.IsType<BookTicker>(MarketStreamParsing.ParseCombined(Market.Spot, json, receivedAt));

        Assert.Equal(new Symbol("BNBUSDT"), ticker.Symbol);
        Assert.Equal(400900217, ticker.UpdateId);
        Assert.Equal(25.3519m, ticker.BidPrice);
        Assert.Equal(40.66m, ticker.AskQuantity);
        Assert.Equal(receivedAt, ticker.EventTime);
    }

    [Fact]
    public void Kline_event_parses_with_its_closed_flag()
    {
        const string json = """
            {"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,"T":1672515839999,"s":"BNBBTC","i":"1m",
             "f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0015","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}}}
            """;

        var kline = Assert.IsType<Kline>(MarketStreamParsing.ParseCombined(Market.Spot, json, DateTimeOffset.UnixEpoch));

        Assert.Equal("1m", kline.Interval);
        Assert.Equal(0.001m, kline.Open);
        Assert.Equal(0.0025m, kline.High);
        Assert.Equal(0.0015m, kline.Low);
        Assert.Equal(0.002m, kline.Close);
        Assert.Equal(1000m, kline.Volume);
        Assert.Equal(100, kline.TradeCount);
        Assert.False(kline.IsClosed);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1672515780000), kline.OpenTime);
    }

    [Fact]
    public void Spot_partial_depth_takes_its_symbol_from_the_stream_name()
    {
        const string json = """{"stream":"bnbbtc@depth5","data":{"lastUpdateId":160,"bids":[["0.0024","10"]],"asks":[["0.0026","100"]]}}""";

        var depth = Assert.IsType<Depth>(MarketStreamParsing.ParseCombined(Market.Spot, json, DateTimeOffset.UnixEpoch));

        Assert.Equal(new Symbol("BNBBTC"), depth.Symbol);
        Assert.Equal(new PriceLevel(0.0024m, 10m), Assert.Single(depth.Bids));
        Assert.Equal(new PriceLevel(0.0026m, 100m), Assert.Single(depth.Asks));
    }

    [Fact]
    public void Aggregate_trade_parses_to_a_trade()
    {
        const string json = """{"stream":"bnbbtc@aggTrade","data":{"e":"aggTrade","E":1672515782136,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":1672515782136,"m":true,"M":true}}""";

        var trade = Assert.IsType<Trade>(MarketStreamParsing.ParseCombined(Market.Spot, json, DateTimeOffset.UnixEpoch));

        Assert.Equal(12345, trade.TradeId);
        Assert.Equal(0.001m, trade.Price);
        Assert.True(trade.BuyerIsMaker);
    }

    [Fact]
    public void Subscription_answers_are_not_market_events()
    {
        Assert.Null(MarketStreamParsing.ParseCombined(Market.Spot, """{"result":null,"id":1}""", DateTimeOffset.UnixEpoch));
    }
}
