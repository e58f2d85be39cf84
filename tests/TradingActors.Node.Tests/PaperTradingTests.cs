using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingActors.Node.Config;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using Market = TradingActors.Exchange.Market;
using static TradingActors.Trading.Orders.IntentEvents;

namespace TradingActors.Node.Tests;

/// <summary>
/// The main job end to end: a paper node on its embedded defaults, its example strategies trading on virtual time
/// running 20 times faster than real time, then stopped and flattened by the kill switch. Afterwards the journal,
/// <c>GET /positions</c> and the simulator (its ledger and fills) must tell the same story.
/// </summary>
public sealed class PaperTradingTests : IAsyncLifetime
{
    private const int FinishedPositionsWanted = 3;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ta-paper-" + Guid.NewGuid().ToString("N"));
    private NodeHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        string[] arguments =
        [
            "--data-dir", _directory, "--port", "0", "--speed", "20",
            "--set", $"trading-actors.node.management.token={NodeFixture.Token}",
            "--set", "trading-actors.node.status-interval=0",
            "--set", "trading-actors.node.logging.console-level=warning",

            // The examples trade 1-minute bars; shorter ones give the strategies their trades well within the wait.
            "--set", "trading-actors.strategies.btc-trend.bar-interval=5s",
            "--set", "trading-actors.strategies.eth-dip.bar-interval=5s",
        ];
        _host = await NodeHost.StartAsync(CommandLineOptions.Parse(arguments), TextWriter.Null);
        _client = new HttpClient { BaseAddress = _host.ManagementAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public async Task Strategies_trade_and_afterwards_the_journal_the_api_and_the_exchange_agree()
    {
        await Eventually.ThatAsync(
            async () => (await PositionsAsync("finished")).Count >= FinishedPositionsWanted,
            $"the strategies did not finish {FinishedPositionsWanted} positions",
            TimeSpan.FromMinutes(3));

        await _host.Node.Strategies.StopAsync(TimeSpan.FromSeconds(10), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var kill = new HttpRequestMessage(HttpMethod.Post, "/kill-switch");
        kill.Headers.Authorization = new("Bearer", NodeFixture.Token);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(kill)).StatusCode);
        var engine = _host.Node.Simulator!.Engine;
        await Eventually.ThatAsync(
            async () => (await PositionsAsync("open")).Count == 0
                && engine.OpenOrders(MarketKind.Spot, null).Count == 0
                && engine.OpenOrders(MarketKind.Futures, null).Count == 0
                && engine.AlgoOrders(null, openOnly: true).Count == 0
                && engine.Positions().All(p => p.PositionAmt == 0m),
            () => "the kill switch did not leave everything flat and without orders: "
                + string.Join("; ", engine.OpenOrders(MarketKind.Spot, null).Concat(engine.OpenOrders(MarketKind.Futures, null)))
                + string.Join("; ", engine.AlgoOrders(null, openOnly: true)) + string.Join("; ", engine.Positions().Where(p => p.PositionAmt != 0m)),
            TimeSpan.FromMinutes(1));

        var positions = await PositionsAsync("all");
        var intents = await JournaledIntentsAsync();
        await AssertTheApiShowsTheJournalAsync(positions);
        AssertEveryOrderOnTheExchangeWasJournaledOnce(intents);
        AssertFillsMatchEveryPosition(positions, intents);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        try
        {
            // KEEP_PAPER=<dir> keeps the node's journal and log for reading after a failure.
            if (Environment.GetEnvironmentVariable("KEEP_PAPER") is { } keep)
            {
                Directory.Move(_directory, keep);
            }
            else
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private async Task<List<JsonElement>> PositionsAsync(string state) =>
        (await _client.GetFromJsonAsync<List<JsonElement>>($"/positions?state={state}&limit=1000"))!;

    private async Task AssertTheApiShowsTheJournalAsync(List<JsonElement> positions)
    {
        Assert.True(positions.Count >= FinishedPositionsWanted);
        foreach (var listed in positions)
        {
            var id = listed.GetProperty("id").GetString()!;
            var events = (await _host.Node.Journal.CurrentEventsAsync(Position.PersistenceIdOf(new PositionId(id))))
                .Select(e => e.Event)
                .OfType<IPositionEvent>()
                .ToList();
            var replayed = PositionData.Replay(events);
            Assert.True(replayed.State.IsTerminal(), $"{id} is {replayed.State} after the kill switch");
            Assert.Equal(replayed.State.ToString(), listed.GetProperty("state").GetString());
            Assert.Equal(replayed.Quantity, listed.GetProperty("quantity").GetDecimal());
            Assert.Equal(replayed.RealizedPnl, listed.GetProperty("realizedPnl").GetDecimal());
        }
    }

    private void AssertEveryOrderOnTheExchangeWasJournaledOnce(IReadOnlyList<JournaledIntent> intents)
    {
        var journaled = intents.SelectMany(i => i.ClientOrderIds).ToHashSet();
        var newOrders = _host.Node.Simulator!.Ledger.Entries().Where(e => e.Action == "NEW").ToList();
        Assert.NotEmpty(newOrders);
        foreach (var order in newOrders)
        {
            Assert.True(journaled.Contains(order.ClientId!), $"order {order.ClientId} reached the exchange without a journaled intent");
        }

        var duplicated = newOrders.Where(o => o.Outcome == "accepted").GroupBy(o => (o.Market, o.ClientId)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicated);
    }

    /// <summary>
    /// Each position's quantity and realized PnL (net of every commission) are what its trades on the exchange say.
    /// Spot buys pay their commission in the base asset, so a spot position holds less than it bought, and its exit
    /// may leave dust below the lot step (valued at the entry price, as it is still held).
    /// </summary>
    private void AssertFillsMatchEveryPosition(List<JsonElement> positions, IReadOnlyList<JournaledIntent> intents)
    {
        var engine = _host.Node.Simulator!.Engine;
        foreach (var position in positions)
        {
            var id = new PositionId(position.GetProperty("id").GetString()!);
            var market = position.GetProperty("market").GetString() == nameof(Market.Futures) ? MarketKind.Futures : MarketKind.Spot;
            var symbol = position.GetProperty("symbol").GetString()!;
            var clientIds = intents.Where(i => i.Owner == id).SelectMany(i => i.ClientOrderIds).ToHashSet();
            var orderIds = engine.AllOrders(market, symbol, limit: 100_000).Where(o => clientIds.Contains(o.ClientOrderId)).Select(o => o.OrderId).ToHashSet();
            var fills = engine.Trades(market, symbol, limit: 100_000).Where(t => orderIds.Contains(t.OrderId)).ToList();
            var buys = fills.Where(t => t.Side == OrderSide.Buy).ToList();
            var sells = fills.Where(t => t.Side == OrderSide.Sell).ToList();
            var quantity = position.GetProperty("quantity").GetDecimal();
            var realized = position.GetProperty("realizedPnl").GetDecimal();
            var context = $"{id} ({market}): {position} fills: {string.Join("; ", fills)}";
            decimal exchangePnl;
            if (market == MarketKind.Futures)
            {
                Assert.True(buys.Sum(t => t.Qty) == sells.Sum(t => t.Qty), $"the exchange's fills leave it open: {context}");
                Assert.True(quantity == (position.GetProperty("direction").GetString() == "Long" ? buys : sells).Sum(t => t.Qty), $"quantity differs: {context}");
                exchangePnl = fills.Sum(t => t.RealizedPnl - t.Commission);
            }
            else
            {
                var held = buys.Sum(t => t.Qty) - buys.Where(t => t.CommissionAsset != "USDT").Sum(t => t.Commission);
                var dust = held - sells.Sum(t => t.Qty);
                var step = engine.Rules(MarketKind.Spot, symbol).StepSize;
                Assert.True(quantity == held, $"quantity differs: {context}");
                Assert.True(dust >= 0m && dust < step, $"the exit left {dust}: {context}");
                exchangePnl = sells.Sum(t => t.QuoteQty - t.Commission) - buys.Sum(t => t.QuoteQty) + (dust * position.GetProperty("entryPrice").GetDecimal());
            }

            Assert.True(Math.Abs(exchangePnl - realized) < 0.01m, $"realized PnL {realized} but the exchange's fills say {exchangePnl}: {context}");
        }
    }

    private async Task<IReadOnlyList<JournaledIntent>> JournaledIntentsAsync()
    {
        var journal = _host.Node.Journal;
        var intents = new List<JournaledIntent>();
        foreach (var persistenceId in await journal.CurrentPersistenceIdsAsync("intent-"))
        {
            var events = (await journal.CurrentEventsAsync(persistenceId)).Select(e => e.Event).ToList();
            if (events.OfType<IntentSubmitted>().FirstOrDefault() is { } submitted)
            {
                intents.Add(new JournaledIntent(submitted.Id, submitted.Owner, events.OfType<OrderSending>().Select(s => s.ClientOrderId.Value).ToList()));
            }
        }

        return intents;
    }

    private sealed record JournaledIntent(IntentId Id, PositionId? Owner, IReadOnlyList<string> ClientOrderIds);
}
