using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Simulator;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Scenarios;

/// <summary>Commissions paid in BNB (the account holds BNB and pays fees with it) are valued at the BNB price at the fill.</summary>
[Collection(SimulatorScenarios.Name)]
public sealed class BnbCommissionScenarios : IAsyncLifetime
{
    private const decimal BnbPrice = 600m;

    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync(simulatorOptions: new SimulatorOptions
    {
        Symbols = ["BTCUSDT", "BNBUSDT"],
        Engine = new EngineOptions
        {
            StartPrices = new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m, ["BNBUSDT"] = BnbPrice },
            SpotBalances = new Dictionary<string, decimal> { ["USDT"] = 100_000m, ["BTC"] = 1m, ["BNB"] = 10m },
            SpotBnbBurn = true,
        },
    });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_spot_position_paying_its_commissions_in_bnb_counts_them_at_the_bnb_price_in_its_fees_and_pnl()
    {
        var id = PositionId.New();
        await _scenario.Spot.Positions.Ask<object>(
            new OpenPosition(id, Market.Spot, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, 49_000m, 52_000m),
            TimeSpan.FromSeconds(5));
        var active = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.State == PositionState.Active && p.ActiveStop is not null);

        await _scenario.Spot.Positions.Ask<object>(new ClosePosition(id, CloseReason.Manual), TimeSpan.FromSeconds(5));

        var closed = await _scenario.AwaitPositionAsync(_scenario.Spot, id, p => p.State == PositionState.Closed);
        var trades = _scenario.Simulator.Engine.Trades(MarketKind.Spot, "BTCUSDT");
        Assert.Equal(2, trades.Count);
        Assert.All(trades, t => Assert.Equal("BNB", t.CommissionAsset));

        // Paid in BNB, nothing is taken from the bought BTC: the position holds what it bought.
        Assert.Equal(0.01m, active.Data.Quantity);
        Assert.Equal(trades.MinBy(t => t.Id)!.Commission * BnbPrice, active.Data.EntryFees);
        Assert.Equal(trades.Sum(t => t.Commission) * BnbPrice, closed.Data.Fees);
        var gross = (closed.Data.ExitPrice!.Value - active.Data.EntryPrice) * 0.01m;
        Assert.Equal(gross - closed.Data.Fees, closed.Data.RealizedPnl);
        Assert.True(closed.Data.Fees > 0m);
    }
}
