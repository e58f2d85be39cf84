using System.Text;
using TradingActors.Node.Config;

namespace TradingActors.Node.Tests.Config;

/// <summary>What the node adds to Akka's HOCON parser, which accepts some malformed files and hangs on others.</summary>
public sealed class HoconFileTests
{
    [Theory]
    [InlineData("symbols = [a = b]", "line 1, column 14")]
    [InlineData("\n\nnull:[ = ]", "line 3, column 8")]
    [InlineData("a { b = [1, 2\n}", "line 2, column 1")]
    [InlineData("a = \"unclosed\nb = 1", "line 1, column 5")]
    [InlineData("a = [1, 2] }", "line 1, column 12")]
    public void Input_that_would_hang_or_mislead_the_parser_is_refused_with_its_position(string text, string position)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => HoconFile.Parse(text, "test.conf"));

        Assert.Equal("test.conf", error.Key);
        Assert.Contains(position, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = \"x { [ ]\"", "x { [ ]")]
    [InlineData("a = x # { [\n", "x")]
    [InlineData("a = \"\"\"x\n{ [\"\"\"", "x\n{ [")]
    public void Brackets_in_strings_and_comments_are_text(string text, string value)
    {
        Assert.Equal(value, HoconFile.Parse(text, "test.conf").GetString("a"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with: colon, comma # hash ${dollar} and \"quotes\" \\ backslash")]
    [InlineData("tab\tnew\nline")]
    public void A_quoted_value_reads_back_as_written(string value)
    {
        Assert.Equal(value, HoconFile.Parse("a = " + HoconFile.Quote(value), "test.conf").GetString("a"));
    }

    [Fact]
    public void Optional_substitution_inside_a_value_is_refused_with_its_position()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => HoconFile.Parse("a = x${?HOME}", "test.conf"));

        Assert.Contains("line 1, column 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_malformed_input_is_a_configuration_error_never_a_hang_or_a_crash()
    {
        const string Alphabet = "{}[]:=,+\"$?.#/\\ \n\tab1-e";
        string[] tokens = ["a", "b.c", " = ", ":", "{", "}", "[", "]", "\"x y\"", "${a}", "${?A}", "\n", ",", "1", "+=", "5s", "#c\n", "\"\"\"t\"\"\"", "null"];
        var random = new Random(7);
        for (var n = 0; n < 5000; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 25); i > 0; i--)
            {
                text.Append(n % 2 == 0 ? tokens[random.Next(tokens.Length)] : Alphabet[random.Next(Alphabet.Length)].ToString());
            }

            var input = text.ToString();
            var parse = Task.Run(() =>
            {
                try
                {
                    _ = HoconFile.Parse(input, "fuzz.conf").IsEmpty;
                }
                catch (NodeConfigurationException)
                {
                    // The expected outcome for most of them.
                }
            });

            var finished = await Task.WhenAny(parse, Task.Delay(TimeSpan.FromSeconds(5))) == parse;
            Assert.True(finished, $"the parser hangs on {System.Text.Json.JsonSerializer.Serialize(input)}");
            await parse;
        }
    }
}
