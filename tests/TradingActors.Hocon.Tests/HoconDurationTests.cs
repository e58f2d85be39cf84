namespace TradingActors.Hocon.Tests;

public sealed class HoconDurationTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("200ms", 200)]
    [InlineData("200", 200)]
    [InlineData("1 minute", 60_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("3h", 10_800_000)]
    [InlineData("10 days", 864_000_000)]
    [InlineData("1.5 s", 1_500)]
    [InlineData("  30 seconds ", 30_000)]
    [InlineData("00:01:30", 90_000)]
    public void Durations_with_units_parse_to_the_expected_time(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HoconDuration.Parse(text));
    }

    [Fact]
    public void Sub_millisecond_units_keep_their_precision_down_to_a_tick()
    {
        Assert.Equal(TimeSpan.FromTicks(15), HoconDuration.Parse("1.5us"));
        Assert.Equal(TimeSpan.FromTicks(3), HoconDuration.Parse("300ns"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("5 parsecs")]
    [InlineData("s5")]
    [InlineData("99999999999999999999 days")]
    public void Invalid_durations_fail_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => HoconDuration.Parse(text));

        Assert.Contains("duration", error.Message, StringComparison.Ordinal);
        Assert.False(HoconDuration.TryParse(text, out _));
    }

    [Fact]
    public void A_duration_value_in_a_document_reads_through_its_getter()
    {
        var root = HoconParser.Parse("timeout = 1 minute\nshort = 250ms");

        Assert.Equal(TimeSpan.FromMinutes(1), root.GetValue("timeout").GetDuration());
        Assert.Equal(TimeSpan.FromMilliseconds(250), root.GetValue("short").GetDuration());
    }
}
