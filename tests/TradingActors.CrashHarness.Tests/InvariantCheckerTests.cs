using TradingActors.CrashHarness;

namespace TradingActors.CrashHarness.Tests;

public sealed class InvariantCheckerTests
{
    private static readonly ExchangeAlgoOrder BtcStop = new("BTCUSDT", "ta-a-sl", "STOP_MARKET", "SELL", 0.01m, ReduceOnly: true, ClosePosition: false);

    [Fact]
    public void A_consistent_observation_breaks_nothing()
    {
        var observation = Observe(
            ledger: [Row(1, "FUTURES", "ta-a-m1"), Row(2, "FUTURES", "ta-a-sl")],
            exchange: [new("BTCUSDT", 0.01m), new("ETHUSDT", 0m)],
            stops: [BtcStop],
            node: [Position("p1", "Futures", "BTCUSDT", "Long", "Active", 0.01m), Position("p0", "Futures", "ETHUSDT", "Short", "Closed", 0.1m)],
            accepted: ["p1", "p0"]);

        Assert.Empty(InvariantChecker.Check(observation));
    }

    [Fact]
    public void A_client_id_executed_twice_on_one_market_is_a_duplicated_order()
    {
        var observation = Observe(
            ledger: [Row(1, "FUTURES", "ta-a-m1"), Row(2, "FUTURES", "ta-a-m1", "dropped"), Row(3, "SPOT", "ta-a-m1"), Row(4, "FUTURES", "ta-b-m1"), Row(5, "FUTURES", "ta-b-m1", "rejected")]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal("duplicated-order", violation.Kind);
        Assert.Equal("FUTURES ta-a-m1", violation.Subject);
    }

    [Fact]
    public void An_accepted_position_the_node_does_not_list_is_lost()
    {
        var observation = Observe(node: [Position("p1", "Spot", "ETHUSDT", "Long", "Closed", 0.1m)], accepted: ["p1", "p2"]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal(new Violation("lost-position", "p2", violation.Detail), violation);
    }

    [Theory]
    [InlineData("STOP_MARKET", "BUY", true, false, 0.01)]
    [InlineData("TAKE_PROFIT_MARKET", "SELL", true, false, 0.01)]
    [InlineData("STOP_MARKET", "SELL", false, false, 0.01)]
    [InlineData("STOP_MARKET", "SELL", true, false, 0.005)]
    public void A_futures_position_without_a_whole_closing_stop_is_unprotected(string type, string side, bool reduceOnly, bool closePosition, double quantity)
    {
        var observation = Observe(
            exchange: [new("BTCUSDT", 0.01m)],
            stops: [new("BTCUSDT", "ta-x", type, side, (decimal)quantity, reduceOnly, closePosition)],
            node: [Position("p1", "Futures", "BTCUSDT", "Long", "Active", 0.01m)]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal(("unprotected-position", "BTCUSDT"), (violation.Kind, violation.Subject));
    }

    [Fact]
    public void A_close_position_stop_protects_a_short_of_any_size()
    {
        var observation = Observe(
            exchange: [new("ETHUSDT", -0.3m)],
            stops: [new("ETHUSDT", "ta-y", "STOP_MARKET", "BUY", 0m, ReduceOnly: false, ClosePosition: true)],
            node: [Position("p1", "Futures", "ETHUSDT", "Short", "PendingClosing", 0.3m)]);

        Assert.Empty(InvariantChecker.Check(observation));
    }

    [Fact]
    public void The_exchange_position_must_equal_the_signed_sum_of_the_nodes_open_futures_positions()
    {
        var observation = Observe(
            exchange: [new("BTCUSDT", 0.01m), new("ETHUSDT", -0.1m)],
            stops: [BtcStop, new("ETHUSDT", "ta-e-sl", "STOP_MARKET", "BUY", 0.1m, true, false)],
            node:
            [
                Position("p1", "Futures", "BTCUSDT", "Long", "Active", 0.01m),
                Position("p2", "Futures", "ETHUSDT", "Short", "PendingEntry", 0.1m),
                Position("p3", "Spot", "ETHUSDT", "Long", "Active", -0.1m),
            ]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal(("position-mismatch", "ETHUSDT"), (violation.Kind, violation.Subject));
        Assert.StartsWith("exchange -0.1, node 0", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_the_node_holds_but_the_exchange_does_not_is_a_mismatch()
    {
        var observation = Observe(node: [Position("p1", "Futures", "BTCUSDT", "Short", "Active", 0.02m)]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal("exchange 0, node -0.02 (open: p1 Active -0.02)", violation.Detail);
    }

    [Fact]
    public void An_open_order_no_open_position_owns_is_an_orphan_and_only_a_warning()
    {
        var observation = Observe(
            exchange: [new("BTCUSDT", 0.01m)],
            stops: [BtcStop],
            node:
            [
                Position("p1", "Futures", "BTCUSDT", "Long", "Active", 0.01m) with { Protections = [new("Stop", "ta-a-sl")] },
                Position("p0", "Futures", "ETHUSDT", "Long", "Closed", 0.1m) with { Protections = [new("Stop", "ta-old-sl")] },
                Position("s1", "Spot", "ETHUSDT", "Long", "Active", 0.1m) with { Protections = [new("Oco", "ta-s-oco")] },
            ],
            orders:
            [
                new("FUTURES", "BTCUSDT", "ta-a-sl", "STOP_MARKET"),
                new("FUTURES", "ETHUSDT", "ta-old-sl", "STOP_MARKET"),
                new("SPOT", "ETHUSDT", "ta-s-oco", "OCO"),
            ]);

        var violation = Assert.Single(InvariantChecker.Check(observation));

        Assert.Equal((InvariantChecker.OrphanOrder, "FUTURES ta-old-sl"), (violation.Kind, violation.Subject));
        Assert.True(violation.IsWarning);
    }

    [Theory]
    [InlineData("close", "Active", null, null, true)]
    [InlineData("close", "PendingClosing", null, null, false)]
    [InlineData("close", "Closed", null, null, false)]
    [InlineData("stop", "Active", 60000.0, 61000.0, true)]
    [InlineData("stop", "Active", 61000.0, 61000.0, false)]
    [InlineData("stop", "Closed", 60000.0, 61000.0, false)]
    public void A_command_answered_202_must_have_happened_after_the_restart(string kind, string state, double? stopNow, double? stopAsked, bool lost)
    {
        var observation = Observe(
            exchange: [new("BTCUSDT", state == "Active" ? 0.01m : 0m)],
            stops: [BtcStop],
            node: [Position("p1", "Futures", "BTCUSDT", "Long", state, 0.01m) with { StopPrice = (decimal?)stopNow }],
            command: new AcceptedCommand(kind, "p1", (decimal?)stopAsked));

        var violations = InvariantChecker.Check(observation);

        Assert.Equal(lost, violations.Any(v => v.Kind == InvariantChecker.LostCommand && v.IsWarning));
    }

    private static Observation Observe(
        LedgerRow[]? ledger = null, ExchangePosition[]? exchange = null, ExchangeAlgoOrder[]? stops = null, NodePosition[]? node = null, string[]? accepted = null,
        ExchangeOrder[]? orders = null, AcceptedCommand? command = null) =>
        new(ledger ?? [], exchange ?? [], stops ?? [], node ?? [], accepted ?? [], orders ?? [], command);

    private static LedgerRow Row(long sequence, string market, string clientId, string outcome = "accepted") =>
        new(sequence, market, "/x", "NEW", "BTCUSDT", clientId, "MARKET", outcome);

    private static NodePosition Position(string id, string market, string symbol, string direction, string state, decimal quantity) =>
        new(id, market, symbol, direction, state, quantity);
}
