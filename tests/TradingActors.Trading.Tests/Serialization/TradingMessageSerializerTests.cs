using System.Text.Json;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Serialization;
using TradingActors.Trading.Tests.Scenarios;

namespace TradingActors.Trading.Tests.Serialization;

/// <summary>The messages that cross nodes, taken from a live position and intent, survive the trip unchanged.</summary>
public sealed class TradingMessageSerializerTests : IAsyncLifetime
{
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_position_view_an_intent_report_and_a_command_read_back_as_they_were_written()
    {
        var id = PositionId.New();
        await _scenario.Futures.Positions.Ask<object>(new PositionProtocol.OpenPosition(
            id, Market.Futures, TradingScenario.Btc, PositionDirection.Long, 0.01m, new ExecutionPolicy.Market(), 50_000m, 49_000m, 52_000m), TimeSpan.FromSeconds(5));
        var view = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.ActiveStop is not null);
        var report = await _scenario.Futures.Intents.Ask<IntentProtocol.IntentReport>(new IntentProtocol.GetIntent(view.Data.EntryIntent), TimeSpan.FromSeconds(5));
        var serializer = new TradingMessageSerializer((ExtendedActorSystem)_scenario.System);

        object[] messages = [view, report, new PositionProtocol.ClosePosition(id, CloseReason.Manual)];

        Assert.All(messages, message =>
        {
            var copy = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
            Assert.IsType(message.GetType(), copy);
            Assert.Equal(JsonSerializer.Serialize(message, message.GetType(), TradingJson.Options), JsonSerializer.Serialize(copy, copy.GetType(), TradingJson.Options));
        });
        Assert.NotEmpty(report.Legs.SelectMany(l => l.TradeIds));
        Assert.NotEmpty(view.Data.Protections);
    }

    [Fact]
    public void Every_protocol_message_and_the_exchange_events_are_bound_but_journal_events_are_not()
    {
        Assert.Contains(typeof(PositionProtocol.PositionView), TradingMessageSerializer.BoundTypes);
        Assert.Contains(typeof(IntentProtocol.SubmitIntent), TradingMessageSerializer.BoundTypes);
        Assert.Contains(typeof(ExchangeEvent), TradingMessageSerializer.BoundTypes);
        Assert.DoesNotContain(TradingMessageSerializer.BoundTypes, t => typeof(IJournalEvent).IsAssignableFrom(t));
    }
}
