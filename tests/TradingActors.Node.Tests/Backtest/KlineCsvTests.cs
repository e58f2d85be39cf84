using TradingActors.Node.Backtest;

namespace TradingActors.Node.Tests.Backtest;

public sealed class KlineCsvTests
{
    private const string Row = "1704067200000,100.0,101.0,99.0,100.5,12.5,1704067259999,1250.0,42,6.0,600.0,0";

    [Fact]
    public void A_binance_row_reads_as_a_bar_ending_after_its_last_millisecond()
    {
        var bars = KlineCsv.Read(new StringReader(Row), "BTCUSDT-1m.csv");

        var bar = Assert.Single(bars);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1704067200000), bar.OpenTime);
        Assert.Equal(TimeSpan.FromMinutes(1), bar.EndTime - bar.OpenTime);
        Assert.Equal((100.0m, 101.0m, 99.0m, 100.5m, 12.5m), (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume));
    }

    [Fact]
    public void A_header_row_is_skipped_and_microsecond_times_are_understood()
    {
        var text = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
            + "1735689600000000,100,101,99,100,1,1735689659999999,100,1,0,0,0\n";

        var bar = Assert.Single(KlineCsv.Read(new StringReader(text), "x.csv"));

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), bar.OpenTime);
    }

    [Theory]
    [InlineData("1704067200000,100.0,101.0,99.0,abc,12.5,1704067259999,1250.0,42,6.0,600.0,0", 5, "close 'abc' is not a number")]
    [InlineData("1704067200000,100.0,101.0,99.0,100.5,12.5", 7, "expected 12 comma-separated columns, found 6")]
    [InlineData("1704067200000,100.0,99.5,99.0,100.5,12.5,1704067259999,1250.0,42,6.0,600.0,0", 3, "high 99.5 is below")]
    [InlineData("yesterday,100.0,101.0,99.0,100.5,12.5,1704067259999,1250.0,42,6.0,600.0,0", 1, "open_time 'yesterday' is not a time")]
    public void A_malformed_row_names_the_file_the_line_and_the_column(string bad, int column, string problem)
    {
        var text = Row + "\n" + bad + "\n";

        var error = Assert.Throws<BacktestDataException>(() => KlineCsv.Read(new StringReader(text), "BTCUSDT-1m.csv"));

        Assert.Equal(("BTCUSDT-1m.csv", 2, column), (error.File, error.Line, error.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("BTCUSDT-1m.csv, line 2, column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_out_of_time_order_are_refused()
    {
        var text = Row + "\n" + Row + "\n";

        var error = Assert.Throws<BacktestDataException>(() => KlineCsv.Read(new StringReader(text), "a.csv"));

        Assert.Equal((2, 1), (error.Line, error.Column));
    }
}
