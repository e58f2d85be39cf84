namespace TradingActors.Hocon.Tests;

public sealed class HoconSizeTests
{
    [Theory]
    [InlineData("512k", 512L * 1024)]
    [InlineData("512K", 512L * 1024)]
    [InlineData("64 MiB", 64L * 1024 * 1024)]
    [InlineData("64m", 64L * 1024 * 1024)]
    [InlineData("10MB", 10_000_000L)]
    [InlineData("10 kB", 10_000L)]
    [InlineData("2 gibibytes", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5 KiB", 1536L)]
    [InlineData("100", 100L)]
    [InlineData("7 bytes", 7L)]
    public void Sizes_with_units_parse_to_bytes(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    [InlineData("-5k")]
    [InlineData("5 parsecs")]
    [InlineData("99999999999 TiB")]
    public void Invalid_sizes_fail_with_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => HoconSize.Parse(text));
        Assert.False(HoconSize.TryParse(text, out _));
    }

    [Fact]
    public void A_size_value_in_a_document_reads_through_its_getter()
    {
        var root = HoconParser.Parse("buffer = 64 MiB");

        Assert.Equal(64L * 1024 * 1024, root.GetValue("buffer").GetBytes());
    }
}
