using System.Text;

namespace TradingActors.Hocon.Tests;

/// <summary>Broken documents must fail with <see cref="HoconParseException"/> and nothing else.</summary>
public sealed class MalformedInputTests
{
    internal const string Valid = """"
        # a representative document
        include "missing-but-optional.conf"
        app {
          name = "trading actors"
          mode: paper
          timeout = 5s
          sizes = [512k, 64 MiB]
          nested.deep.key = 1.5e3
          url = "http://"${app.host}":"${app.port}
          host = localhost, port = 8558
          list = [1, 2, { x = y }]
          list += 3
          text = """multi
        line"""
          key = default
          key = ${?HOCON_FUZZ_UNSET_VARIABLE}
          escaped = "a\tb\u0041"
        }
        copy = ${app} { mode = live }
        // end
        """";

    internal const string Alphabet = "{}[]:=,+\"$?.#/\\ \n\tab1-e${?}\"\"\"()";

    [Fact]
    public void The_fuzz_seed_document_itself_is_valid()
    {
        var root = HoconParser.Parse(Valid);

        Assert.Equal("http://localhost:8558", root.GetValue("app.url").GetString());
        Assert.Equal("live", root.GetValue("copy.mode").GetString());
        Assert.Equal(4, root.GetValue("app.list").GetArray().Count);
    }

    [Fact]
    public void Every_truncation_of_a_valid_document_parses_or_fails_with_a_parse_error()
    {
        for (var length = 0; length <= Valid.Length; length++)
        {
            AssertParsesOrFailsCleanly(Valid[..length]);
        }
    }

    [Fact]
    public void Random_garbage_inserted_into_a_valid_document_parses_or_fails_with_a_parse_error()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 3000; run++)
        {
            var builder = new StringBuilder(Valid);
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(builder.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        builder.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 1 when at < builder.Length:
                        builder.Remove(at, Math.Min(random.Next(1, 8), builder.Length - at));
                        break;
                    default:
                        builder.Insert(at, (char)random.Next(0, 0xFFFF));
                        break;
                }
            }

            AssertParsesOrFailsCleanly(builder.ToString());
        }
    }

    [Fact]
    public void Random_token_soup_parses_or_fails_with_a_parse_error()
    {
        var random = new Random(7);
        for (var run = 0; run < 3000; run++)
        {
            var chars = new char[random.Next(1, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertParsesOrFailsCleanly(new string(chars));
        }
    }

    private static void AssertParsesOrFailsCleanly(string text)
    {
        try
        {
            HoconParser.Parse(text, "fuzz.conf", new HoconParserOptions { EnvironmentVariables = _ => null });
        }
        catch (HoconParseException error)
        {
            Assert.True(error.Line >= 1 && error.Column >= 1, $"Error without a position for input:\n{text}\n{error.Message}");
        }
        catch (Exception other)
        {
            Assert.Fail($"{other.GetType().Name} instead of HoconParseException for input:\n{text}\n{other}");
        }
    }
}
