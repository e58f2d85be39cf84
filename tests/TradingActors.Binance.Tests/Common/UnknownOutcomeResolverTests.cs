using TradingActors.Binance.Common;
using TradingActors.Exchange;
using TradingActors.TestSupport;

namespace TradingActors.Binance.Tests.Common;

public sealed class UnknownOutcomeResolverTests
{
    [Fact]
    public async Task An_order_found_by_client_id_on_a_later_query_settles_as_accepted()
    {
        var time = new ManualTimeProvider();
        var options = new BinanceOptions { UnknownResolutionAttempts = 4, UnknownResolutionInitialDelay = TimeSpan.FromSeconds(1) };
        var resolver = new UnknownOutcomeResolver(options, time);
        var queries = 0;
        var snapshot = Snapshot();

        var resolving = resolver.ResolveAsync<OrderOutcome, OrderOutcome>(
            _ => Task.FromResult<OrderOutcome>(++queries < 2 ? new OrderOutcome.Rejected(-2013, "Order does not exist.") : new OrderOutcome.Accepted(snapshot)),
            a => a is OrderOutcome.Accepted ? a : null,
            r => new OrderOutcome.Unknown(r),
            "timeout",
            CancellationToken.None);
        for (var i = 0; i < 4 && !resolving.IsCompleted; i++)
        {
            await Eventually.TrueAsync(() => time.ActiveTimerCount == 1 || resolving.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        var outcome = await resolving.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new OrderOutcome.Accepted(snapshot), outcome);
        Assert.Equal(2, queries);
    }

    [Fact]
    public async Task An_order_never_found_stays_unknown_and_is_never_reported_rejected()
    {
        var time = new ManualTimeProvider();
        var options = new BinanceOptions { UnknownResolutionAttempts = 3, UnknownResolutionInitialDelay = TimeSpan.FromSeconds(1), UnknownResolutionMaxDelay = TimeSpan.FromSeconds(2) };
        var resolver = new UnknownOutcomeResolver(options, time);
        var queries = 0;

        var resolving = resolver.ResolveAsync<OrderOutcome, OrderOutcome>(
            _ =>
            {
                queries++;
                return Task.FromResult<OrderOutcome>(new OrderOutcome.Rejected(-2013, "Order does not exist."));
            },
            a => a is OrderOutcome.Accepted ? a : null,
            r => new OrderOutcome.Unknown(r),
            "HTTP 503",
            CancellationToken.None);
        for (var i = 0; i < 3 && !resolving.IsCompleted; i++)
        {
            await Eventually.TrueAsync(() => time.ActiveTimerCount == 1 || resolving.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(2));
        }

        var outcome = await resolving.WaitAsync(TimeSpan.FromSeconds(5));

        var unknown = Assert.IsType<OrderOutcome.Unknown>(outcome);
        Assert.StartsWith("HTTP 503", unknown.Reason, StringComparison.Ordinal);
        Assert.Equal(3, queries);
    }

    private static OrderSnapshot Snapshot() => new()
    {
        Market = Market.Spot,
        Symbol = new Symbol("BTCUSDT"),
        OrderId = 1,
        ClientOrderId = ClientOrderId.Create("ta-1"),
        Side = OrderSide.Buy,
        Type = OrderType.Limit,
        Status = OrderStatus.New,
    };
}
