using Akka.Configuration;
using TradingActors.Trading.Reconciliation;

namespace TradingActors.Trading.Tests.Reconciliation;

public sealed class ReconcilerSettingsTests
{
    [Fact]
    public void Missing_actions_give_the_documented_defaults()
    {
        var settings = Read("trading-actors.reconciler.interval = 30s");

        Assert.Equal((ForeignPositionAction.Close, VanishedPositionAction.Alert), (settings.ForeignPositions, settings.VanishedPositions));
    }

    [Fact]
    public void Actions_are_read_in_any_case()
    {
        var settings = Read("trading-actors.reconciler { foreign-positions = Adopt, vanished-positions = CLOSE }");

        Assert.Equal((ForeignPositionAction.Adopt, VanishedPositionAction.Close), (settings.ForeignPositions, settings.VanishedPositions));
    }

    [Theory]
    [InlineData("foreign-positions = keep", "trading-actors.reconciler.foreign-positions: 'keep' is not close or adopt.")]
    [InlineData("vanished-positions = ignore", "trading-actors.reconciler.vanished-positions: 'ignore' is not alert or close.")]
    public void An_unknown_action_is_reported_with_its_key_and_the_accepted_words(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => Read($"trading-actors.reconciler {{ {line} }}"));

        Assert.Equal(message, error.Message);
    }

    private static ReconcilerSettings Read(string hocon) =>
        ReconcilerSettings.Read(ConfigurationFactory.ParseString(hocon));
}
