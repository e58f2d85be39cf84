using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Tests.Engine;

public sealed class PricePathTests
{
    [Fact]
    public void Same_seed_gives_the_same_path()
    {
        decimal[] Run(long seed)
        {
            var fx = new EngineFixture(new EngineOptions { Seed = seed });
            var prices = new List<decimal>();
            for (var i = 0; i < 20; i++)
            {
                fx.Clock.Advance(TimeSpan.FromSeconds(1));
                fx.Engine.Tick();
                prices.Add(fx.Engine.Price(MarketKind.Spot, "BTCUSDT").Last);
            }

            return [.. prices];
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Virtual_time_steps_move_the_price_and_fill_crossed_orders()
    {
        var fx = new EngineFixture(new EngineOptions { PricePath = new KlineReplayPricePath([65000m, 64000m, 63000m]) });
        var order = fx.Engine.PlaceSpotOrder(new SpotOrderRequest("BTCUSDT", OrderSide.Buy, OrderType.Limit) { TimeInForce = TimeInForce.Gtc, Quantity = 0.01m, Price = 63500m });

        fx.Clock.Advance(TimeSpan.FromSeconds(3));
        fx.Engine.Tick();

        Assert.Equal(63000m, fx.Engine.Price(MarketKind.Spot, "BTCUSDT").Last);
        Assert.Equal(OrderStatus.Filled, fx.Engine.QueryOrder(MarketKind.Spot, "BTCUSDT", order.Order.OrderId, null).Status);
    }

    [Fact]
    public void Kline_csv_replay_reads_closes_and_rejects_garbage()
    {
        var path = KlineReplayPricePath.FromCsv(new StringReader("open_time,open,high,low,close\n1,10,11,9,10.5\n2,10.5,12,10,11.5\n"));

        Assert.Equal(10.5m, path.Next("X", 1m, 0));
        Assert.Equal(11.5m, path.Next("X", 1m, 5));
        Assert.Throws<FormatException>(() => KlineReplayPricePath.FromCsv(new StringReader("h,h,h,h,h\n1,2,3,4,notanumber\n")));
    }
}
