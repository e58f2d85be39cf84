using Akka.Actor;
using TradingActors.Exchange;
using TradingActors.Trading;
using TradingActors.Trading.Positions;

namespace TradingActors.Node.Backtest;

/// <summary>
/// Collects the finished positions of a run: on every <see cref="PositionClosedNotice"/> it asks the position itself
/// for its data (entry, exit, fees, PnL, reason), the single copy of that state. Answers <see cref="GetTrades"/>.
/// </summary>
public sealed class BacktestRecorder : ReceiveActor
{
    /// <summary>The origin the backtest's own end-of-data close is recognised by.</summary>
    public const string EndOfData = "end of data";

    private readonly IReadOnlyDictionary<Market, MarketActors> _markets;
    private readonly List<BacktestTrade> _trades = [];
    private bool _ending;

    public BacktestRecorder(IReadOnlyDictionary<Market, MarketActors> markets)
    {
        _markets = markets;
        Receive<PositionClosedNotice>(notice =>
        {
            if (_markets.TryGetValue(notice.Market, out var market))
            {
                market.Positions.Tell(new PositionProtocol.GetPosition(notice.Id), Self);
            }
        });
        Receive<PositionProtocol.PositionView>(view => Record(view.Data));
        Receive<DataEnded>(_ => _ending = true);
        Receive<GetTrades>(_ => Sender.Tell(new Trades([.. _trades
            .OrderBy(t => t.ExitTime).ThenBy(t => t.EntryTime).ThenBy(t => t.Strategy, StringComparer.Ordinal).ThenBy(t => t.Symbol.Value, StringComparer.Ordinal)])));
    }

    /// <summary>Closes from here on are the run's own end-of-data closes.</summary>
    public sealed record DataEnded;

    public sealed record GetTrades;

    public sealed record Trades(IReadOnlyList<BacktestTrade> List);

    public static Props Props(IReadOnlyDictionary<Market, MarketActors> markets) => Akka.Actor.Props.Create(() => new BacktestRecorder(markets));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(PositionClosedNotice));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Record(PositionData data)
    {
        if (data.State != PositionState.Closed || data.Quantity == 0m && data.ExitPrice is null)
        {
            return;
        }

        var strategy = data.Origin.StartsWith("strategy:", StringComparison.Ordinal) ? data.Origin["strategy:".Length..] : data.Origin;
        var reason = _ending && data.CloseReason == CloseReason.KillSwitch ? EndOfData : Reason(data.CloseReason);
        _trades.Add(new BacktestTrade(
            strategy, data.Market, data.Symbol, data.Direction.ToString().ToUpperInvariant(), ToSecond(data.ActiveSince ?? data.OpenedAt), ToSecond(data.ClosedAt ?? data.OpenedAt),
            data.Quantity, data.EntryPrice, data.ExitPrice ?? data.EntryPrice, data.Fees, data.RealizedPnl, reason));
    }

    /// <summary>
    /// The whole second of a position's time. Its entry and exit are journaled a few journal polls (200 ms each) after
    /// the price step that caused them, and how many polls varies between runs; the report states times to the second,
    /// and every figure computed from them (exposure) uses that same second.
    /// </summary>
    private static DateTimeOffset ToSecond(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Reason(CloseReason? reason) => reason switch
    {
        CloseReason.StopLoss => "stop loss",
        CloseReason.TakeProfit => "take profit",
        CloseReason.TrailingStop => "trailing stop",
        CloseReason.Aged => "aged",
        CloseReason.KillSwitch => "kill switch",
        CloseReason.Manual => "manual",
        CloseReason.Strategy => "strategy",
        CloseReason.Reconciled => "reconciled",
        _ => "unknown",
    };
}
