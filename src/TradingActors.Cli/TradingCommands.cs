using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using static TradingActors.Cli.CommandContext;

namespace TradingActors.Cli;

/// <summary>The trading commands: status, positions, position show|close|move-stop, open, orders, signals, reconcile, kill-switch, journal events.</summary>
internal static class TradingCommands
{
    private const int RecentSignals = 5;

    public static IEnumerable<Command> Build(CommandFactory factory)
    {
        yield return factory.Leaf("status", "one screen: node, cluster, open positions with PnL, open orders, last signals", StatusAsync);

        var state = new Option<string>("--state") { Description = "open, finished or all", DefaultValueFactory = _ => "open" };
        state.AcceptOnlyFromAmong("open", "finished", "all");
        yield return factory.Leaf("positions", "positions, newest first", async (p, c, ct) =>
        {
            var positions = await c.Client.GetAsync($"/positions?state={p.GetValue(state)}&limit=1000", ct);
            return Print(c, positions, () => c.Console.Write(PositionTable(positions)));
        }, state);

        var id = new Argument<string>("id") { Description = "the position id" };
        var price = new Argument<decimal>("price") { Description = "the new stop price" };
        yield return CommandFactory.Group(
            "position",
            "one position",
            factory.Leaf("show", "a position and its journal events as a timeline", async (p, c, ct) =>
            {
                var detail = await c.Client.GetAsync($"/positions/{Uri.EscapeDataString(p.GetValue(id)!)}", ct);
                return Print(c, detail, () =>
                {
                    var position = detail.GetProperty("position");
                    c.Line($"{Text(position, "id")} | {Text(position, "market")} {Text(position, "symbol")} {Text(position, "direction")} | {Text(position, "state")} | qty {Number(position, "quantity")} @ {Number(position, "entryPrice")} | stop {Number(position, "stopPrice")} | uPnL {Number(position, "unrealizedPnl")} | rPnL {Number(position, "realizedPnl")}");
                    Timeline(c, detail.GetProperty("events"));
                });
            }, id),
            factory.Leaf("close", "close a position at market (manual exit)", async (p, c, ct) =>
            {
                var reply = await c.Client.SendAsync(HttpMethod.Post, $"/positions/{Uri.EscapeDataString(p.GetValue(id)!)}/close", null, ct);
                return Outcome(c, reply, Text(reply, "result") == "notOpen", $"{Text(reply, "id")}: {Text(reply, "result")} {Text(reply, "state")}".TrimEnd());
            }, id),
            factory.Leaf("move-stop", "move a position's protective stop", async (p, c, ct) =>
            {
                var reply = await c.Client.SendAsync(
                    HttpMethod.Post, $"/positions/{Uri.EscapeDataString(p.GetValue(id)!)}/stop", NodeClient.Json(new { stopPrice = p.GetValue(price) }), ct);
                return Outcome(c, reply, Text(reply, "result") == "rejected", $"{Text(reply, "id")}: stop {Text(reply, "result")} at {Number(reply, "stopPrice")} {Text(reply, "reason")}".TrimEnd());
            }, id, price));

        yield return Open(factory);

        yield return factory.Leaf("orders", "live order intents and their legs", async (_, c, ct) =>
        {
            var intents = await c.Client.GetAsync("/orders", ct);
            return Print(c, intents, () =>
            {
                var table = new Table().AddColumns("Intent", "Owner", "Market", "Symbol", "Type", "Status", "Filled", "Avg price", "Legs");
                foreach (var i in intents.EnumerateArray())
                {
                    var legs = string.Join(", ", i.GetProperty("legs").EnumerateArray().Select(l => $"{Text(l, "leg")} {Text(l, "side")} {Number(l, "quantity")} {Text(l, "status")}"));
                    table.AddRow(Cells(Text(i, "id"), Text(i, "owner"), Text(i, "market"), Text(i, "symbol"), Text(i, "type"), Text(i, "status"), Number(i, "filledQuantity"), Number(i, "averagePrice"), legs));
                }

                c.Console.Write(table);
            });
        });

        yield return factory.Leaf("signals", "the strategies' recent signals", async (_, c, ct) =>
        {
            var signals = await c.Client.GetAsync("/signals", ct);
            return Print(c, signals, () => c.Console.Write(SignalTable(signals.EnumerateArray())));
        });

        var mode = new Option<string>("--mode") { Description = "ALL, FUT or SPOT", DefaultValueFactory = _ => "ALL" };
        mode.AcceptOnlyFromAmong("ALL", "FUT", "SPOT");
        var dryRun = new Option<bool>("--dry-run") { Description = "report the differences without acting on them" };
        yield return factory.Leaf("reconcile", "make the journal and the exchange agree, now", async (p, c, ct) =>
        {
            var report = await c.Client.SendAsync(HttpMethod.Post, "/reconcile", NodeClient.Json(new { mode = p.GetValue(mode), dryRun = p.GetValue(dryRun) }), ct);
            return Print(c, report, () =>
            {
                c.Line($"Reconciliation {Text(report, "run")} ({Text(report, "mode")}{(p.GetValue(dryRun) ? ", dry run" : string.Empty)}): "
                    + $"matched {Text(report, "matched")}, adopted {Text(report, "adopted")}, cancelled {Text(report, "cancelled")}, closed {Text(report, "closed")}, "
                    + $"corrected {Text(report, "corrected")}, rearmed {Text(report, "rearmed")}, alerts {Text(report, "alerts")}");
                foreach (var finding in report.GetProperty("findings").EnumerateArray().Where(f => Text(f, "kind") != "Matched"))
                {
                    c.Line($"  {Text(finding, "market")} | {Text(finding, "kind")} | {Text(finding, "subject")} | {Text(finding, "detail")}");
                }

                foreach (var error in report.GetProperty("errors").EnumerateArray())
                {
                    c.Line($"  error: {error.GetString()}");
                }
            });
        }, mode, dryRun);

        var yes = new Option<bool>("--yes", "-y") { Description = "engage without asking" };
        yield return factory.Leaf("kill-switch", "stop all trading: close every position, cancel every order", async (p, c, ct) =>
        {
            if (!p.GetValue(yes))
            {
                await c.Output.WriteAsync("Engage the kill switch: close every position and cancel every order? [y/N] ");
                var answer = await c.Input.ReadLineAsync(ct);
                if (answer is null)
                {
                    throw new CliException(ExitCodes.Failed, "refused: no answer on standard input; pass --yes to engage the kill switch without a prompt.");
                }

                if (!answer.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) && !answer.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException(ExitCodes.Failed, "not engaged: answer y to engage, or pass --yes.");
                }
            }

            var reply = await c.Client.SendAsync(HttpMethod.Post, "/kill-switch", null, ct);
            return Print(c, reply, () => c.Line($"Kill switch {Text(reply, "result")}: {Text(reply, "closedPositions")} positions closing, {Text(reply, "cancelledOrders")} orders cancelled"));
        }, yes);

        var persistenceId = new Argument<string>("persistenceId") { Description = "e.g. position-<id>, intent-<key>, reconciler, risk-manager" };
        yield return CommandFactory.Group("journal", "the event journal", factory.Leaf("events", "one entity's journal events as a timeline", async (p, c, ct) =>
        {
            var events = await c.Client.GetAsync($"/journal/{Uri.EscapeDataString(p.GetValue(persistenceId)!)}", ct);
            return Print(c, events, () => Timeline(c, events));
        }, persistenceId));
    }

    private static Command Open(CommandFactory factory)
    {
        var market = new Option<string>("--market") { Description = "spot or futures", Required = true };
        market.AcceptOnlyFromAmong("spot", "futures");
        var symbol = new Option<string>("--symbol") { Description = "e.g. BTCUSDT", Required = true };
        var side = new Option<string>("--side") { Description = "long or short", Required = true };
        side.AcceptOnlyFromAmong("long", "short", "buy", "sell");
        var quantity = new Option<decimal>("--quantity") { Description = "in the base asset", Required = true };
        var stop = new Option<decimal?>("--stop") { Description = "protective stop price (required on futures)" };
        var takeProfit = new Option<decimal?>("--take-profit") { Description = "take-profit price" };
        var policy = new Option<string?>("--policy") { Description = "market, postOnly, makerThenTaker, twap or priceChase (default market)" };
        var trailing = new Option<decimal?>("--trailing") { Description = "trailing stop distance, a fraction of the price (e.g. 0.01)" };
        return factory.Leaf("open", "open a position by hand (same risk checks as a strategy's)", async (p, c, ct) =>
        {
            var reply = await c.Client.SendAsync(HttpMethod.Post, "/positions", NodeClient.Json(new
            {
                market = p.GetValue(market),
                symbol = p.GetValue(symbol),
                side = p.GetValue(side),
                quantity = p.GetValue(quantity),
                stopPrice = p.GetValue(stop),
                takeProfitPrice = p.GetValue(takeProfit),
                policy = p.GetValue(policy),
                trailingDistance = p.GetValue(trailing),
            }), ct);
            return Outcome(c, reply, Text(reply, "result") == "denied", Text(reply, "result") == "denied" ? $"denied: {Text(reply, "error")}" : $"{Text(reply, "id")}: {Text(reply, "result")} ({Text(reply, "state")})");
        }, market, symbol, side, quantity, stop, takeProfit, policy, trailing);
    }

    private static async Task<int> StatusAsync(ParseResult parsed, CommandContext c, CancellationToken ct)
    {
        var members = await c.Client.GetAsync("/cluster/members", ct);
        var positions = await c.Client.GetAsync("/positions?state=open&limit=1000", ct);
        var orders = await c.Client.GetAsync("/orders", ct);
        var signals = await c.Client.GetAsync("/signals", ct);
        var self = Text(members, "selfNode");
        var status = members.GetProperty("members").EnumerateArray().Where(m => Text(m, "node") == self).Select(m => Text(m, "status")).FirstOrDefault() ?? "?";
        var recent = signals.EnumerateArray().TakeLast(RecentSignals).ToList();
        if (c.Json)
        {
            c.WriteJson(new { node = c.Client.Node.ToString(), member = self, status, members = members.GetProperty("members").GetArrayLength(), positions, orders, signals = recent });
            return ExitCodes.Ok;
        }

        var open = positions.EnumerateArray().ToList();
        c.Line($"Node {c.Client.Node} | {self} | {status} | {members.GetProperty("members").GetArrayLength()} members | leader {Text(members, "leader")}");
        c.Line($"Open positions: {open.Count} | unrealized PnL {open.Sum(p => p.GetProperty("unrealizedPnl").GetDecimal()):0.########} | open orders: {orders.GetArrayLength()}");
        if (open.Count > 0)
        {
            c.Console.Write(PositionTable(positions));
        }

        if (recent.Count > 0)
        {
            c.Line("Last signals:");
            c.Console.Write(SignalTable(recent));
        }

        return ExitCodes.Ok;
    }

    private static Table PositionTable(JsonElement positions)
    {
        var table = new Table().AddColumns("Id", "Market", "Symbol", "Side", "State", "Qty", "Entry", "Stop", "uPnL", "rPnL", "Opened");
        foreach (var p in positions.EnumerateArray())
        {
            table.AddRow(Cells(
                Text(p, "id"), Text(p, "market"), Text(p, "symbol"), Text(p, "direction"), Text(p, "state"), Number(p, "quantity"), Number(p, "entryPrice"),
                Number(p, "stopPrice"), Number(p, "unrealizedPnl"), Number(p, "realizedPnl"), Text(p, "openedAt")));
        }

        return table;
    }

    private static Table SignalTable(IEnumerable<JsonElement> signals)
    {
        var table = new Table().AddColumns("At", "Strategy", "Side", "Confidence", "Decision", "Position", "Price");
        foreach (var s in signals)
        {
            table.AddRow(Cells(Text(s, "at"), Text(s, "strategy"), Text(s, "side"), Number(s, "confidence"), Text(s, "decision"), Text(s, "position"), Number(s, "price")));
        }

        return table;
    }

    private static void Timeline(CommandContext c, JsonElement events)
    {
        foreach (var e in events.EnumerateArray())
        {
            c.Line($"{Text(e, "sequenceNr"),4}  {Text(e, "timestamp")}  {Text(e, "type"),-24} {e.GetProperty("event").GetRawText()}");
        }
    }

    private static string[] Cells(params string[] values) => [.. values.Select(Markup.Escape)];

    private static int Print(CommandContext c, JsonElement body, Action text)
    {
        if (c.Json)
        {
            c.WriteJson(body);
        }
        else
        {
            text();
        }

        return ExitCodes.Ok;
    }

    /// <summary>Prints a write's answer; a refusal the node explains (409) is exit 1.</summary>
    private static int Outcome(CommandContext c, JsonElement reply, bool refused, string text)
    {
        Print(c, reply, () => c.Line(text));
        return refused ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
