using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;
using static TradingActors.Trading.Orders.IntentProtocol;
using static TradingActors.Trading.Reconciliation.ReconcilerProtocol;
using ExchangePosition = TradingActors.Exchange.Position;

namespace TradingActors.Trading.Tests.Reconciliation;

public sealed class ReconciliationRulesTests
{
    private const string Prefix = ClientOrderIds.DefaultPrefix;
    private static readonly Symbol Btc = new("BTCUSDT");
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pending_entry_the_exchange_holds_is_adopted_by_verifying_it()
    {
        var pending = Opened(PositionDirection.Long);

        var plan = Classify(Exchange(positions: [Held(0.01m)]), Local([pending]));

        var adopted = Assert.Single(plan, p => p.Finding.Kind == FindingKind.Adopted);
        Assert.Equal(new PositionProtocol.Reverify(pending.Id), Assert.IsType<ReconcilerAction.TellPosition>(adopted.Action).Command);
    }

    [Fact]
    public void A_position_the_exchange_holds_the_other_way_round_is_left_to_a_person()
    {
        var plan = Classify(Exchange(positions: [Held(-0.01m)]), Local([Active(PositionDirection.Long, 0.01m)]));

        var finding = Assert.Single(plan, p => p.Finding.Kind == FindingKind.Unresolved).Finding;
        Assert.Equal(AlertSeverity.Critical, finding.Severity);
        Assert.DoesNotContain(plan, p => p.Action is not null);
    }

    [Theory]
    [InlineData(VanishedPositionAction.Alert, FindingKind.Unresolved)]
    [InlineData(VanishedPositionAction.Close, FindingKind.Closed)]
    public void A_position_gone_from_the_exchange_without_exit_trades_waits_unless_the_exchange_forgets(VanishedPositionAction setting, FindingKind expected)
    {
        var position = Active(PositionDirection.Long, 0.01m);

        var plan = ReconciliationRules.Classify(Exchange(), Local([position]), Prefix, new ReconcilerSettings { VanishedPositions = setting }, PositionId.New);

        Assert.Equal(expected, Assert.Single(plan).Finding.Kind);
    }

    [Fact]
    public void A_quantity_difference_while_an_exit_is_worked_is_not_corrected()
    {
        var position = Active(PositionDirection.Long, 0.02m);
        var exit = Report(new IntentId($"{position.Id.Value}-x1"), position.Id, IntentStatus.Working, filled: 0.01m);

        var plan = Classify(Exchange(positions: [Held(0.01m)]), Local([position], exit));

        Assert.DoesNotContain(plan, p => p.Finding.Kind == FindingKind.Corrected);
    }

    [Fact]
    public void Our_order_left_by_a_finished_intent_is_cancelled_and_a_live_intents_is_matched()
    {
        var position = Active(PositionDirection.Long, 0.01m);
        var stop = Report(new IntentId($"{position.Id.Value}-sl1"), position.Id, IntentStatus.Armed, filled: 0m);
        var live = ClientOrderIds.Derive(Prefix, stop.Id, "sl");
        var leftover = ClientOrderIds.Derive(Prefix, new IntentId($"{position.Id.Value}-x1"), "m1");
        var dormant = new Dictionary<IntentId, IntentReport?> { [new IntentId($"{position.Id.Value}-x1")] = null };

        var plan = Classify(
            Exchange(orders: [Order(live), Order(leftover)], positions: [Held(0.01m)]),
            Local([position], stop with { Legs = [new LegData("sl", live, LegKind.ConditionalStop, OrderSide.Sell, 0.01m, 49_000m)] }) with { DormantIntents = dormant });

        Assert.Contains(plan, p => p.Finding.Kind == FindingKind.Matched && p.Finding.Subject.Contains(live.Value, StringComparison.Ordinal));
        var cancel = Assert.Single(plan, p => p.Finding.Kind == FindingKind.Cancelled);
        Assert.Equal(leftover, Assert.IsType<ReconcilerAction.CancelOrder>(cancel.Action).ClientOrderId);
    }

    [Fact]
    public void An_exchange_held_trailing_stop_of_an_open_position_whose_intent_is_dormant_is_adopted_not_cancelled()
    {
        var position = Active(PositionDirection.Long, 0.01m);
        var trailing = new IntentId($"{position.Id.Value}-ts");
        var order = ClientOrderIds.Derive(Prefix, trailing, "ts");
        var dormant = new Dictionary<IntentId, IntentReport?> { [trailing] = Report(trailing, position.Id, IntentStatus.Armed, filled: 0m) };

        var plan = Classify(Exchange(orders: [Order(order)], positions: [Held(0.01m)]), Local([position]) with { DormantIntents = dormant });

        var adopted = Assert.Single(plan, p => p.Finding.Subject.Contains(order.Value, StringComparison.Ordinal));
        Assert.Equal(FindingKind.Adopted, adopted.Finding.Kind);
    }

    private static IReadOnlyList<PlannedAction> Classify(ExchangeTruth exchange, LocalTruth local) =>
        ReconciliationRules.Classify(exchange, local, Prefix, new ReconcilerSettings(), PositionId.New);

    private static ExchangeTruth Exchange(IReadOnlyList<OrderSnapshot>? orders = null, IReadOnlyList<ExchangePosition>? positions = null) =>
        new(Market.Futures, orders ?? [], [], [], positions ?? [], [], new Dictionary<Symbol, IReadOnlyList<Fill>>());

    private static LocalTruth Local(IReadOnlyList<PositionData> positions, params IntentReport[] live) =>
        new(positions, live, new Dictionary<IntentId, IntentReport?>());

    private static ExchangePosition Held(decimal quantity) => new() { Symbol = Btc, Quantity = quantity, EntryPrice = 50_000m };

    private static OrderSnapshot Order(ClientOrderId clientId) => new()
    {
        Market = Market.Futures, Symbol = Btc, OrderId = 1, ClientOrderId = clientId, Side = OrderSide.Sell, Type = OrderType.Limit, Status = OrderStatus.New,
    };

    private static IntentReport Report(IntentId id, PositionId owner, IntentStatus status, decimal filled) =>
        new(id, owner, new OrderIntentSpec.Trade { Market = Market.Futures, Symbol = Btc, Side = OrderSide.Sell, Quantity = 0.02m, Policy = new ExecutionPolicy.Market() },
            status, filled, 50_000m, 0m, string.Empty, []);

    private static PositionData Opened(PositionDirection direction)
    {
        var id = PositionId.New();
        return PositionData.Empty.Apply(new PositionOpened(id, new IntentId($"{id.Value}-en"), Market.Futures, Btc, direction, 0.01m, 50_000m, 49_000m, null, "test", Start));
    }

    private static PositionData Active(PositionDirection direction, decimal quantity) =>
        Opened(direction).Apply(new EntryFilled(quantity, 50_000m, 0m, "order", Start));
}
