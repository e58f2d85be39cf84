using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Tests.Domain;

public sealed class ClientOrderIdsTests
{
    [Fact]
    public void The_same_intent_and_leg_always_give_the_same_id()
    {
        var intent = new IntentId("intent-42");

        Assert.Equal(ClientOrderIds.Derive("ta-", intent, "en"), ClientOrderIds.Derive("ta-", intent, "en"));
    }

    [Fact]
    public void Different_legs_and_intents_give_different_ids()
    {
        var ids = new HashSet<ClientOrderId>();
        for (var i = 0; i < 10_000; i++)
        {
            var intent = new IntentId($"intent-{i}");
            Assert.True(ids.Add(ClientOrderIds.Derive("ta-", intent, "en")));
            Assert.True(ids.Add(ClientOrderIds.Derive("ta-", intent, "sl")));
        }
    }

    [Fact]
    public void Ids_fit_both_venues_rules_even_with_the_longest_prefix_and_leg()
    {
        var id = ClientOrderIds.Derive("prefix_8", IntentId.New(), "leg123");

        Assert.True(id.Value.Length <= 36);
        Assert.True(ClientOrderId.IsValid(id.Value));
    }

    [Fact]
    public void Our_ids_are_told_from_foreign_ones_by_prefix_and_shape()
    {
        var ours = ClientOrderIds.Derive("ta-", IntentId.New(), "en");

        Assert.True(ClientOrderIds.IsOurs("ta-", ours));
        Assert.False(ClientOrderIds.IsOurs("xy-", ours));
        Assert.False(ClientOrderIds.IsOurs("ta-", ClientOrderId.FromExchange("ta-manual-order")));
        Assert.False(ClientOrderIds.IsOurs("ta-", ClientOrderId.FromExchange("autoclose-1234")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("much-too-long")]
    [InlineData("ta.")]
    public void A_bad_prefix_is_refused(string prefix)
    {
        Assert.Throws<ArgumentException>(() => ClientOrderIds.Derive(prefix, IntentId.New(), "en"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("toolong")]
    [InlineData("e-1")]
    public void A_bad_leg_is_refused(string leg)
    {
        Assert.Throws<ArgumentException>(() => ClientOrderIds.Derive("ta-", IntentId.New(), leg));
    }
}
