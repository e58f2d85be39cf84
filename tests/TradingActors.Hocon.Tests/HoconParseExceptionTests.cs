namespace TradingActors.Hocon.Tests;

public sealed class HoconParseExceptionTests
{
    private static HoconParseException Fail(string text) =>
        Assert.Throws<HoconParseException>(() => HoconParser.Parse(text, "app.conf"));

    [Theory]
    [InlineData("a = 1\nb 2", 2, 3, "Expected ':', '=', '+=' or '{' after the key 'b'")]
    [InlineData("a = 1\nb =", 2, 4, "Expected a value for 'b'")]
    [InlineData("a = \"open", 1, 5, "Unterminated quoted string")]
    [InlineData("a {\n  b = 1\n", 3, 1, "Expected '}' to close the object opened at line 1, column 3")]
    [InlineData("list = [1, 2", 1, 13, "Expected ']' to close the array opened at line 1, column 8")]
    [InlineData("a = 1 = 2", 1, 7, "Expected ',', a new line or '}' after the value of 'a'")]
    [InlineData("a = ${b", 1, 5, "Unterminated substitution")]
    [InlineData("a = ${}", 1, 7, "Empty substitution")]
    [InlineData("a = b\n}", 2, 1, "Unexpected '}'")]
    [InlineData("a = [1,,2]", 1, 8, "Expected a value for 'a[1]'")]
    [InlineData("  x = \"\\q\"", 1, 8, "Invalid escape sequence '\\q'")]
    [InlineData("a = 1 + 2", 1, 7, "Unexpected '+'")]
    [InlineData("a = $x", 1, 5, "Unexpected '$'")]
    [InlineData("a..b = 1", 1, 3, "Expected a key element before '.'")]
    [InlineData("a = \"\"\"never closed", 1, 5, "Unterminated triple-quoted string")]
    [InlineData("[1, 2]", 1, 1, "Expected an object at the root")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "Expected the end of the input")]
    [InlineData("a = 1\n\n    ? = 2", 3, 5, "Unexpected character '?'")]
    public void A_syntax_error_names_the_exact_line_column_and_what_was_expected(string text, int line, int column, string reason)
    {
        var error = Fail(text);

        Assert.Equal("app.conf", error.SourceName);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"app.conf({line},{column}): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_from_one_after_a_multi_line_string()
    {
        var error = Fail("a = \"\"\"x\ny\"\"\" b = 1");

        Assert.Equal((2, 8), (error.Line, error.Column));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_instead_of_overflowing_the_stack()
    {
        var text = "a = " + new string('[', 100_000) + new string(']', 100_000);

        var error = Fail(text);

        Assert.Contains("nested deeper", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_objects_are_rejected_too()
    {
        var text = string.Concat(Enumerable.Repeat("a {", 50_000));

        Assert.Contains("nested deeper", Fail(text).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_key_deeper_than_the_limit_is_rejected_too()
    {
        var text = string.Join('.', Enumerable.Repeat("a", 100_000)) + " = 1";

        var error = Fail(text);

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("nested deeper", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_parses()
    {
        var root = HoconParser.Parse("a = " + new string('[', 150) + "1" + new string(']', 150));

        Assert.Equal(HoconValueKind.Array, root.GetValue("a").Kind);
    }
}
