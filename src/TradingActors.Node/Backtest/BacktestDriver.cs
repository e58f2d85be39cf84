using System.Diagnostics;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using TradingActors.Exchange;
using TradingActors.Simulator.Engine;
using TradingActors.Trading.Strategy;

namespace TradingActors.Node.Backtest;

/// <summary>
/// Runs one backtest on a thread of its own (never a pool thread: the pool's idleness is how it knows the actors are
/// done). The node starts as in paper mode, on the virtual clock and the in-process venue; then, for every bar, the
/// clock moves to each replayed price's time (timers that fall due fire), the venue's price moves there, and the driver
/// waits until the actors have handled everything that caused before it moves on. The same input therefore gives the
/// same decisions, fills and report, however fast or loaded the machine is.
/// </summary>
public sealed class BacktestDriver(BacktestSetup setup, ILoggerFactory loggerFactory, Action<double>? progress = null)
{
    // Lead time before the first bar: start-up (cluster join, shards, journal recovery) runs in virtual time too.
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartupTick = TimeSpan.FromMilliseconds(20);

    // After every step, timers due this soon fire one by one, each after the actors are idle: journal queries poll
    // (the risk manager's catch-up read waits for the journal's next poll), and a chain that needs a poll or two must
    // finish before the price moves again, or where it ends would depend on the machine's speed.
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(1);

    private readonly BacktestSetup _setup = setup;

    /// <summary>Runs the backtest on a new thread; the task ends with its result.</summary>
    public Task<BacktestResult> RunAsync(CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<BacktestResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Run(ct));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "backtest-driver",
        };
        thread.Start();
        return done.Task;
    }

    private BacktestResult Run(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var slices = Slices(_setup.Series);
        var first = slices.Keys[0];
        var clock = new BacktestClock(first - Lead);
        var venue = new EngineVenue(_setup.Engine, clock);
        var node = Await(clock, TradingNode.StartAsync(_setup.Settings, _setup.Configuration, loggerFactory, ct, clock, venue.For), ct);
        try
        {
            var recorder = node.System.ActorOf(BacktestRecorder.Props(node.Markets), "backtest-recorder");
            AwaitCondition(clock, () => node.Markets.Values.All(m => m.Context.Rules.Count > 0), ct);
            var equity = new List<EquityPoint> { new(first, Equity(venue)) };
            var markets = node.Markets.Keys.ToList();
            var steps = _setup.Options.StepsPerBar;
            long bars = 0;
            var eventsBefore = venue.MarketEvents;
            var startup = watch.Elapsed;
            var replay = Stopwatch.StartNew();
            var index = 0;
            var every = Math.Max(1, slices.Count / 100);
            foreach (var (open, slice) in slices)
            {
                var interval = slice.Min(b => b.Series.Interval);
                for (var k = 0; k < steps; k++)
                {
                    var at = open + (interval * k / steps);
                    clock.AdvanceTo(at);
                    venue.Engine.Tick();
                    Settle(clock, at, ct);
                    foreach (var (series, bar) in slice)
                    {
                        var price = PriceAt(bar, k, steps);
                        foreach (var market in markets.Where(series.Serves))
                        {
                            venue.Engine.SetPrice(market == Market.Spot ? MarketKind.Spot : MarketKind.Futures, series.Symbol.Value, price);
                            venue.PublishTrade(market, series.Symbol, price, bar.Volume / steps);
                        }
                    }

                    Settle(clock, at, ct);
                }

                bars += slice.Count;
                equity.Add(new EquityPoint(open + interval, Equity(venue)));
                if (++index % every == 0)
                {
                    progress?.Invoke((double)index / slices.Count);
                }
            }

            var events = venue.MarketEvents - eventsBefore;
            var elapsed = replay.Elapsed;

            // Data over: no new entries, and what is still open is closed at the last price, through the kill switch.
            recorder.Tell(new BacktestRecorder.DataEnded());
            Quiescence.WaitIdle(ct);
            var refusals = Await(clock, RefusalsAsync(node), ct);
            Await(clock, node.Strategies.StopAsync(TimeSpan.FromSeconds(30), loggerFactory.CreateLogger<BacktestDriver>()), ct);
            Await(clock, node.Strategies.EngageKillSwitchAsync(), ct);
            var end = clock.GetUtcNow();
            for (var i = 1; i <= 30; i++)
            {
                clock.AdvanceTo(end + TimeSpan.FromSeconds(i));
                Quiescence.WaitIdle(ct);
            }

            equity[^1] = equity[^1] with { Equity = Equity(venue) };
            var trades = Await(clock, recorder.Ask<BacktestRecorder.Trades>(new BacktestRecorder.GetTrades(), TimeSpan.FromSeconds(30)), ct).List;
            progress?.Invoke(1d);
            return new BacktestResult(_setup, trades, equity, refusals, bars, events, elapsed) { StartupTime = startup };
        }
        finally
        {
            Await(clock, node.StopAsync(), CancellationToken.None);
        }
    }

    /// <summary>The refusals each strategy counted (its status), by strategy name.</summary>
    private async Task<IReadOnlyDictionary<string, int>> RefusalsAsync(TradingNode node)
    {
        var refusals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var strategy in _setup.Strategies)
        {
            try
            {
                var status = await node.Strategies.Strategies!
                    .Ask<StrategyProtocol.StrategyStatus>(new StrategyProtocol.GetStrategyStatus(strategy.Name), TimeSpan.FromSeconds(10));
                refusals[strategy.Name] = status.Refusals;
            }
            catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException)
            {
                refusals[strategy.Name] = -1;
            }
        }

        return refusals;
    }

    /// <summary>Bars of every series grouped by open time, in time order.</summary>
    public static SortedList<DateTimeOffset, List<(KlineSeries Series, KlineBar Bar)>> Slices(IReadOnlyList<KlineSeries> series)
    {
        var slices = new SortedList<DateTimeOffset, List<(KlineSeries, KlineBar)>>();
        foreach (var s in series)
        {
            foreach (var bar in s.Bars)
            {
                if (!slices.TryGetValue(bar.OpenTime, out var list))
                {
                    list = [];
                    slices[bar.OpenTime] = list;
                }

                list.Add((s, bar));
            }
        }

        return slices;
    }

    /// <summary>
    /// The k-th replayed price of a bar: open, then the extreme nearer the open's side of the move (the low of a
    /// rising bar, the high of a falling one), the other extreme, and the close, the usual conservative path.
    /// </summary>
    public static decimal PriceAt(KlineBar bar, int k, int steps)
    {
        if (steps == 2)
        {
            return k == 0 ? bar.Open : bar.Close;
        }

        var rising = bar.Close >= bar.Open;
        return k switch
        {
            0 => bar.Open,
            1 => rising ? bar.Low : bar.High,
            2 => rising ? bar.High : bar.Low,
            _ => bar.Close,
        };
    }

    /// <summary>Cash and positions of the markets in use, valued at the last prices (futures: wallet plus unrealized PnL).</summary>
    private decimal Equity(EngineVenue venue)
    {
        var engine = venue.Engine;
        var total = 0m;
        if (_setup.Settings.Markets.Contains(Market.Futures))
        {
            total += engine.FuturesAccount().MarginBalance;
        }

        if (_setup.Settings.Markets.Contains(Market.Spot))
        {
            foreach (var balance in engine.SpotBalances())
            {
                var amount = balance.Free + balance.Locked;
                if (balance.Asset == "USDT")
                {
                    total += amount;
                }
                else if (amount != 0m && engine.HasSymbol(balance.Asset + "USDT"))
                {
                    total += amount * engine.Price(MarketKind.Spot, balance.Asset + "USDT").Last;
                }
            }
        }

        return total;
    }

    /// <summary>Waits until the actors are idle, then lets the timers due within <see cref="SettleWindow"/> of <paramref name="at"/> fire, one idle step at a time.</summary>
    private static void Settle(BacktestClock clock, DateTimeOffset at, CancellationToken ct)
    {
        Quiescence.WaitIdle(ct);
        while (clock.NextDue is { } due && due <= at + SettleWindow)
        {
            clock.AdvanceTo(due);
            Quiescence.WaitIdle(ct);
        }
    }

    /// <summary>Waits for a task of the node while virtual time runs on whenever the actors are idle (start-up, shutdown, asks).</summary>
    private static T Await<T>(BacktestClock clock, Task<T> task, CancellationToken ct)
    {
        AwaitCondition(clock, () => task.IsCompleted, ct);
        return task.GetAwaiter().GetResult();
    }

    private static void Await(BacktestClock clock, Task task, CancellationToken ct)
    {
        AwaitCondition(clock, () => task.IsCompleted, ct);
        task.GetAwaiter().GetResult();
    }

    private static void AwaitCondition(BacktestClock clock, Func<bool> done, CancellationToken ct)
    {
        while (!done())
        {
            Quiescence.WaitIdle(ct);
            if (done())
            {
                return;
            }

            // Idle and not done: what it waits for is a timer (a join tick, a retry), or I/O outside the pool.
            var now = clock.GetUtcNow();
            if (clock.NextDue is { } due && due <= now + StartupTick)
            {
                clock.AdvanceTo(due);
            }
            else
            {
                clock.AdvanceTo(now + StartupTick);
                Thread.Sleep(1);
            }
        }
    }
}
