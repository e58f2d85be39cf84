using TradingActors.Trading.Tests.Support;
using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Positions.Aging;
using TradingActors.Trading.Tests.Scenarios;
using static TradingActors.Trading.Positions.PositionProtocol;

namespace TradingActors.Trading.Tests.Positions;

/// <summary>
/// Aged exits run by the position actor on a manual clock against the simulator. Defaults: max age 3 h, grace 8 h
/// (progressive from 11 h), every progressive hour accepts 0.006 more loss, emergency once 0.10 is reached (28 h).
/// </summary>
[Collection(SimulatorScenarios.Name)]
public sealed class PositionAgedExitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const decimal Commission = 0.0004m;
    private readonly JumpingTimeProvider _clock = new(Start);
    private TradingScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TradingScenario.StartAsync(
        new PositionSettings { EntryVerificationDeadline = TimeSpan.FromMinutes(1), VerificationBackoff = TimeSpan.FromSeconds(1) }, _clock);

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        _clock.Dispose();
    }

    [Fact]
    public async Task A_profitable_position_past_max_age_closes_at_market_at_once()
    {
        var (id, _) = await OpenAsync(PositionDirection.Long);
        _scenario.SetPrice(TradingScenario.Btc, 50_500m);
        await QuotedAsync(50_500m);

        _clock.Advance(TimeSpan.FromHours(3));

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.Aged, closed.Data.CloseReason);
        Assert.Equal(AgedExitPhase.Grace, closed.Data.AgedExit!.Phase);
        Assert.Single(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL", ReduceOnly: true, Outcome: "accepted" });
    }

    [Fact]
    public async Task A_position_with_a_trailing_stop_is_left_to_its_trailing_stop()
    {
        var (id, _) = await OpenAsync(PositionDirection.Long, trailing: 0.05m);
        _scenario.SetPrice(TradingScenario.Btc, 50_500m);
        await QuotedAsync(50_500m);

        _clock.Advance(TimeSpan.FromHours(4));
        var aged = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit is not null);

        Assert.Equal(PositionState.Active, aged.Data.State);
        Assert.DoesNotContain(_scenario.Orders("FUTURES"), o => o is { Type: "MARKET", Side: "SELL" });
    }

    [Fact]
    public async Task A_losing_short_waits_in_grace_for_breakeven_and_closes_when_the_price_reaches_it()
    {
        var (id, entry) = await OpenAsync(PositionDirection.Short);
        _scenario.SetPrice(TradingScenario.Btc, 50_400m);
        await QuotedAsync(50_400m);

        _clock.Advance(TimeSpan.FromHours(4));
        var grace = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit is not null);
        Assert.Equal((AgedExitPhase.Grace, entry * (1m - (2m * Commission))), (grace.Data.AgedExit!.Phase, grace.Data.AgedExit.TargetPrice));
        Assert.Equal(PositionState.Active, grace.Data.State);

        _scenario.SetPrice(TradingScenario.Btc, decimal.Round(entry * 0.99m, 1));

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal(CloseReason.Aged, closed.Data.CloseReason);
    }

    [Fact]
    public async Task The_progressive_target_loosens_every_hour_until_the_emergency_close()
    {
        var (id, entry) = await OpenAsync(PositionDirection.Long);
        _scenario.SetPrice(TradingScenario.Btc, 46_000m);
        await QuotedAsync(46_000m);
        var breakeven = entry * (1m + (2m * Commission));

        _clock.Advance(TimeSpan.FromHours(12));
        var first = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit?.AcceptedLoss == 0.006m);
        Assert.Equal((AgedExitPhase.Progressive, breakeven * (1m - 0.006m)), (first.Data.AgedExit!.Phase, first.Data.AgedExit.TargetPrice));
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit?.AcceptedLoss == 0.012m);
        Assert.Equal(breakeven * (1m - 0.012m), second.Data.AgedExit!.TargetPrice);
        Assert.Equal(PositionState.Active, second.Data.State);

        _clock.Advance(TimeSpan.FromHours(15));

        var closed = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Closed);
        Assert.Equal((CloseReason.Aged, AgedExitPhase.Emergency), (closed.Data.CloseReason, closed.Data.AgedExit!.Phase));
    }

    [Fact]
    public async Task After_a_restart_mid_phase_the_phase_and_the_elapsed_time_are_recovered()
    {
        var (id, entry) = await OpenAsync(PositionDirection.Long);
        _scenario.SetPrice(TradingScenario.Btc, 46_000m);
        await QuotedAsync(46_000m);
        var activeSince = (await _scenario.PositionAsync(_scenario.Futures, id)).Data.ActiveSince!.Value;
        _clock.Advance(TimeSpan.FromHours(12.5));
        await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit?.AcceptedLoss == 0.006m);

        await _scenario.StopNodeAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        await _scenario.StartNodeAsync();

        var recovered = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.AgedExit?.AcceptedLoss == 0.018m);
        Assert.Equal(activeSince + TimeSpan.FromHours(14), recovered.Data.AgedExit!.At);
        Assert.Equal(entry * (1m + (2m * Commission)) * (1m - 0.018m), recovered.Data.AgedExit.TargetPrice);
        Assert.Equal(PositionState.Active, recovered.Data.State);
    }

    private async Task<(PositionId Id, decimal Entry)> OpenAsync(PositionDirection direction, decimal? trailing = null)
    {
        var id = PositionId.New();
        var stop = direction == PositionDirection.Long ? 40_000m : 60_000m;
        var reply = await _scenario.Futures.Positions.Ask<object>(
            new OpenPosition(id, Market.Futures, TradingScenario.Btc, direction, 0.01m, new ExecutionPolicy.Market(), 50_000m, stop, TrailingDistance: trailing),
            TimeSpan.FromSeconds(5));
        Assert.IsType<PositionAccepted>(reply);
        var active = await _scenario.AwaitPositionAsync(_scenario.Futures, id, p => p.State == PositionState.Active && p.ActiveStop is not null);
        return (id, active.Data.EntryPrice);
    }

    private Task QuotedAsync(decimal price) => _scenario.WaitUntilAsync(
        () => Task.FromResult(_scenario.Futures.Context.Quotes.TryGet(TradingScenario.Btc, out var quote) && Math.Abs(((quote.Bid + quote.Ask) / 2m) - price) < 50m),
        describe: () => $"no quote near {price}");
}
