using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Tests.Scenarios;

namespace TradingActors.Trading.Tests.Orders;

[Collection(SimulatorScenarios.Name)]
public sealed class OrderIntentTests : IAsyncLifetime
{
    // A question about an intent not yet submitted recovers it from the journal and passivates it again, so on a loaded
    // machine the submission waits behind a few recoveries: generous, because what is asserted is an answer, not its speed.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Questions_about_an_intent_racing_its_submission_are_all_answered()
    {
        var intents = _scenario.Futures.Intents;
        for (var round = 0; round < 20; round++)
        {
            var id = new IntentId($"race-{round}");
            var questions = Enumerable.Range(0, 20)
                .Select(_ => Task.Run(() => intents.Ask<object>(new IntentProtocol.GetIntent(id), Patience)))
                .ToList();
            var submitted = intents.Ask<object>(
                new IntentProtocol.SubmitIntent(id, new OrderIntentSpec.Trade
                {
                    Market = Market.Futures, Symbol = TradingScenario.Btc, Side = OrderSide.Buy, Quantity = 0.001m, Policy = new ExecutionPolicy.Market(),
                }),
                Patience);
            questions.AddRange(Enumerable.Range(0, 20).Select(_ => Task.Run(() => intents.Ask<object>(new IntentProtocol.GetIntent(id), Patience))));

            Assert.IsType<IntentProtocol.IntentReport>(await submitted);
            Assert.All(await Task.WhenAll(questions), answer => Assert.True(answer is IntentProtocol.IntentReport or IntentProtocol.IntentNotFound));
        }
    }
}
