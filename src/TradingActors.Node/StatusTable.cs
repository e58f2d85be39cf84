using System.Globalization;
using System.Text;
using Akka.Actor;
using TradingActors.Trading.Positions;
using TradingActors.Trading.ReadSide;

namespace TradingActors.Node;

/// <summary>The compact console view of paper trading: positions with state and PnL, open orders, prices, last signals.</summary>
public static class StatusTable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(TradingNode node, TextWriter output, TimeSpan interval, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(output);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct) && !node.System.WhenTerminated.IsCompleted)
            {
                var text = await RenderAsync(node);
                await output.WriteAsync(text.AsMemory(), ct);
                await output.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public static async Task<string> RenderAsync(TradingNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"--- {node.System.Scheduler.Now:HH:mm:ss} {node.Settings.Mode.ToString().ToLowerInvariant()} mode ---");
        text.AppendLine(c, $"{"MARKET",-8} {"SYMBOL",-9} {"POSITION",-14} {"SIDE",-5} {"STATE",-14} {"QTY",12} {"ENTRY",12} {"PNL",10}");
        var orders = new List<string>();
        var prices = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        foreach (var (market, actors) in node.Markets)
        {
            try
            {
                var listed = await node.Positions.Ask<PositionListProjection.PositionList>(new PositionListProjection.ListPositions(), node.OperatorTimeout(AskTimeout));
                foreach (var d in listed.Positions.Where(p => p.Market == market && !p.State.IsTerminal()).OrderBy(p => p.OpenedAt))
                {
                    var pnl = actors.Context.Quotes.TryGet(d.Symbol, out var quote) ? d.UnrealizedPnl((quote.Bid + quote.Ask) / 2m) : 0m;
                    var id = d.Id.Value.Length > 14 ? d.Id.Value[..6] + ".." + d.Id.Value[^6..] : d.Id.Value;
                    text.AppendLine(c, $"{market.ToString().ToLowerInvariant(),-8} {d.Symbol.Value,-9} {id,-14} {d.Direction,-5} {d.State,-14} {d.Quantity,12:0.########} {d.EntryPrice,12:0.00} {pnl,10:+0.00;-0.00;0.00}");
                    rows++;
                }

                var live = await actors.LiveIntentsAsync(node.System, node.OperatorTimeout(AskTimeout));
                orders.Add($"{market.ToString().ToLowerInvariant()} {live.Count}");
            }
            catch (Exception e) when (IsStoppingOrSlow(e))
            {
                orders.Add($"{market.ToString().ToLowerInvariant()} (no answer)");
            }

            foreach (var symbol in node.Settings.Symbols)
            {
                if (actors.Context.Quotes.TryGet(symbol, out var quote) && !prices.ContainsKey(symbol.Value))
                {
                    prices[symbol.Value] = ((quote.Bid + quote.Ask) / 2m).ToString("0.00", c);
                }
            }
        }

        if (rows == 0)
        {
            text.AppendLine("(no positions)");
        }

        text.AppendLine(c, $"open orders: {string.Join(", ", orders)}   prices: {string.Join("  ", prices.Select(p => $"{p.Key} {p.Value}"))}");
        try
        {
            var signals = await node.Strategies.SignalsAsync();
            text.AppendLine(signals.Count == 0
                ? "last signals: none yet"
                : "last signals: " + string.Join("; ", signals.Take(3).Select(s => string.Create(c, $"{s.At:HH:mm:ss} {s.Strategy} {s.Side} {s.Confidence:0.00} -> {s.Decision}"))));
        }
        catch (Exception e) when (IsStoppingOrSlow(e))
        {
            text.AppendLine("last signals: (no answer)");
        }

        return text.ToString();
    }

    /// <summary>No answer in time, or none at all because the node is stopping (Ctrl+C while a table renders).</summary>
    private static bool IsStoppingOrSlow(Exception e) => e is AskTimeoutException or TaskCanceledException or InvalidOperationException;
}
