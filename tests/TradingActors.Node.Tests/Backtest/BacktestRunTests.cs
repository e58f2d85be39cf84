using System.Text.Json;
using TradingActors.Node.Backtest;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Backtest;

/// <summary>
/// Whole runs through the node's actors, each in a process of its own (see <see cref="BacktestProcess"/>); they run
/// one at a time, since two runs on two cores would only slow each other down.
/// </summary>
[Collection(BacktestCollection.Name)]
public sealed class BacktestRunTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ta-backtest-run-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_path_made_for_two_entries_gives_one_stop_loss_and_one_take_profit()
    {
        var (code, output, error) = await RunAsync("first");

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "first", "report.json")));
        var trades = report.RootElement.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(2, trades.Count);
        Assert.Equal(["stop loss", "take profit"], trades.Select(t => t.GetProperty("reason").GetString()));
        Assert.All(trades, t => Assert.Equal("LONG", t.GetProperty("side").GetString()));

        // Each trade's PnL is its price move on its quantity less both sides' fees, and the account agrees with the trades.
        decimal total = 0m;
        foreach (var trade in trades)
        {
            var quantity = trade.GetProperty("quantity").GetDecimal();
            var move = trade.GetProperty("exit-price").GetDecimal() - trade.GetProperty("entry-price").GetDecimal();
            var net = trade.GetProperty("net-pnl").GetDecimal();
            Assert.Equal(decimal.Round((quantity * move) - trade.GetProperty("fees").GetDecimal(), 6), decimal.Round(net, 6));
            total += net;
        }

        Assert.True(trades[0].GetProperty("net-pnl").GetDecimal() < 0m);
        Assert.True(trades[0].GetProperty("exit-price").GetDecimal() <= 97m);
        Assert.True(trades[1].GetProperty("net-pnl").GetDecimal() > 0m);
        Assert.True(trades[1].GetProperty("exit-price").GetDecimal() >= 112m);
        var root = report.RootElement;
        Assert.Equal(decimal.Round(total, 6), decimal.Round(root.GetProperty("total").GetProperty("net-pnl").GetDecimal(), 6));
        Assert.Equal(decimal.Round(root.GetProperty("initial-capital").GetDecimal() + total, 4), decimal.Round(root.GetProperty("final-equity").GetDecimal(), 4));
        Assert.Equal(0.5m, root.GetProperty("total").GetProperty("win-rate").GetDecimal());
        Assert.Contains("total", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_data_and_configuration_give_a_byte_identical_report()
    {
        var first = await RunAsync("a");
        var second = await RunAsync("b");

        Assert.True(first.Code == 0 && second.Code == 0, first.Error + second.Error);
        var a = await File.ReadAllBytesAsync(Path.Combine(_folder.FullName, "a", "report.json"));
        var b = await File.ReadAllBytesAsync(Path.Combine(_folder.FullName, "b", "report.json"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(a), System.Text.Encoding.UTF8.GetString(b));
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task A_strategy_whose_symbol_has_no_data_stops_the_start_with_exit_code_2_naming_it()
    {
        var (code, _, error) = await RunAsync("missing", symbolInData: "ETHUSDT");

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("trading-actors.strategies.two-entries", error, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT on futures", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_file_stops_the_start_with_exit_code_2_naming_file_line_and_column()
    {
        var data = Path.Combine(_folder.FullName, "bad");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "BTCUSDT-1m.csv"), "1704067200000,100,101,99,100,1,1704067259999,100,1,0,0,0\n1704067260000,100,101,99,x,1,1704067319999,100,1,0,0,0\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await NodeHost.RunAsync(["--mode", "backtest", "--data", data, "--config", WriteConfig()], output, error);

        Assert.Equal(NodeHost.ExitConfigurationError, code);
        Assert.Contains("BTCUSDT-1m.csv, line 2, column 5: close 'x' is not a number", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string name, string symbolInData = "BTCUSDT")
    {
        var data = Path.Combine(_folder.FullName, "data-" + name);
        KlineFiles.WriteBars(Path.Combine(data, $"{symbolInData}-1m.csv"), Start, TwoEntries());
        return await BacktestProcess.RunAsync(
            "--data", data, "--config", WriteConfig(), "--report", Path.Combine(_folder.FullName, name), "--data-dir", Path.Combine(_folder.FullName, "node-" + name));
    }

    /// <summary>
    /// Flat at 100; a bar closing at 102 (entry, stop 97, take profit 112); a bar falling to 96 (stopped out); a bar back
    /// to 102 (entry again); a bar rising to 113 (take profit); flat at 113, where the rule no longer fires.
    /// </summary>
    private static List<(decimal, decimal, decimal, decimal)?> TwoEntries()
    {
        var bars = new List<(decimal, decimal, decimal, decimal)?>();
        bars.AddRange(Enumerable.Repeat<(decimal, decimal, decimal, decimal)?>((100m, 100m, 100m, 100m), 5));
        bars.Add((100m, 102m, 100m, 102m));
        bars.Add((102m, 102m, 96m, 96m));
        bars.Add((96m, 102m, 96m, 102m));
        bars.Add((102m, 113m, 102m, 113m));
        bars.AddRange(Enumerable.Repeat<(decimal, decimal, decimal, decimal)?>((113m, 113m, 113m, 113m), 5));
        return bars;
    }

    private string WriteConfig()
    {
        var path = Path.Combine(_folder.FullName, "strategies.conf");
        File.WriteAllText(path, """
            trading-actors.strategies {
              btc-trend.enabled = false
              eth-dip.enabled = false
              two-entries {
                market = FUTURES
                symbol = BTCUSDT
                bar-interval = 1m
                equity = 10000
                risk-per-trade = 0.01
                policy = market
                entry.long.when = "close > 101 and close < 103"
                stop-distance = "5"
                take-profit-distance = "10"
              }
            }
            """);
        return path;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BacktestCollection
{
    public const string Name = "backtest runs";
}
