using TradingActors.Exchange;
using TradingActors.Node.Backtest;

namespace TradingActors.Node.Tests.Backtest;

public sealed class BacktestDataTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ta-backtest-data-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_gap_in_the_data_is_reported_not_bridged()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        KlineFiles.Write(Path.Combine(_folder.FullName, "futures", "BTCUSDT-1m.csv"), start, [100m, 101m, null, null, null, 102m]);

        var series = Assert.Single(BacktestData.Load(_folder.FullName, null, null));

        Assert.Equal((new Symbol("BTCUSDT"), (Market?)Market.Futures), (series.Symbol, series.Market));
        var gap = Assert.Single(series.Gaps);
        Assert.Equal((start.AddMinutes(2), start.AddMinutes(5), 3L), (gap.From, gap.To, gap.Missing));
        Assert.Equal(3, series.Bars.Count);
    }

    [Fact]
    public void Daily_files_of_one_symbol_join_in_time_order_and_from_to_cut_them()
    {
        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        KlineFiles.Write(Path.Combine(_folder.FullName, "BTCUSDT-1m-2024-01-02.csv"), day.AddMinutes(3), [103m, 104m]);
        KlineFiles.Write(Path.Combine(_folder.FullName, "BTCUSDT-1m-2024-01-01.csv"), day, [100m, 101m, 102m]);

        var series = Assert.Single(BacktestData.Load(_folder.FullName, day.AddMinutes(1), day.AddMinutes(4)));

        Assert.Null(series.Market);
        Assert.Equal([101m, 102m, 103m], series.Bars.Select(b => b.Close));
        Assert.Empty(series.Gaps);
    }

    [Fact]
    public void The_seeded_path_gives_the_same_candles_for_the_same_seed()
    {
        var options = new Simulator.Engine.EngineOptions { Seed = 7 };
        var from = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        var first = BacktestData.Seeded(options, [new Symbol("BTCUSDT")], from, from.AddHours(1));
        var second = BacktestData.Seeded(options, [new Symbol("BTCUSDT")], from, from.AddHours(1));

        Assert.Equal(60, first[0].Bars.Count);
        Assert.Equal(first[0].Bars, second[0].Bars);
    }
}
