namespace TradingActors.Hocon.Tests;

public sealed class HoconParserTests
{
    private static HoconValue Parse(string text) => HoconParser.Parse(text);

    [Fact]
    public void Nested_objects_and_path_keys_describe_the_same_tree()
    {
        var braces = Parse("a { b { c = 1 } }");
        var paths = Parse("a.b.c = 1");

        Assert.Equal("1", braces.GetValue("a.b.c").GetString());
        Assert.Equal(braces.ToString(), paths.ToString());
    }

    [Theory]
    [InlineData("0", HoconValueKind.Number)]
    [InlineData("-12", HoconValueKind.Number)]
    [InlineData("3.25", HoconValueKind.Number)]
    [InlineData("1e5", HoconValueKind.Number)]
    [InlineData("2.5E-3", HoconValueKind.Number)]
    [InlineData("01", HoconValueKind.String)]
    [InlineData("1.x", HoconValueKind.String)]
    [InlineData("1e", HoconValueKind.String)]
    [InlineData("-x", HoconValueKind.String)]
    [InlineData("12ab", HoconValueKind.String)]
    public void An_unquoted_value_is_a_number_only_in_json_number_syntax(string text, HoconValueKind kind)
    {
        var root = Parse($"a = {text}");

        Assert.Equal(kind, root.GetValue("a").Kind);
    }

    [Fact]
    public void Colon_equals_and_a_bare_brace_are_all_separators()
    {
        var root = Parse("a: 1\nb = 2\nc { d = 3 }\ne = { f = 4 }\ng: { h: 5 }");

        Assert.Equal(1, root.GetValue("a").GetInt32());
        Assert.Equal(2, root.GetValue("b").GetInt32());
        Assert.Equal(3, root.GetValue("c.d").GetInt32());
        Assert.Equal(4, root.GetValue("e.f").GetInt32());
        Assert.Equal(5, root.GetValue("g.h").GetInt32());
    }

    [Fact]
    public void Root_braces_are_optional_and_json_is_valid_hocon()
    {
        var root = Parse("""{ "name": "x", "list": [1, 2, {"k": true}], "nothing": null }""");

        Assert.Equal("x", root.GetValue("name").GetString());
        var list = root.GetValue("list").GetArray();
        Assert.Equal(3, list.Count);
        Assert.True(list[2].GetValue("k").GetBoolean());
        Assert.Equal(HoconValueKind.Null, root.GetValue("nothing").Kind);
    }

    [Fact]
    public void Array_items_may_be_separated_by_commas_or_newlines_with_a_trailing_comma()
    {
        var root = Parse("a = [\n  1\n  2,\n  3,\n]\nb = []");

        Assert.Equal(["1", "2", "3"], root.GetValue("a").GetArray().Select(v => v.GetString()));
        Assert.Empty(root.GetValue("b").GetArray());
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored()
    {
        var root = Parse("# header\na = 1 # trailing\n// another\nb = 2 // trailing too\n");

        Assert.Equal(2, root.GetObject().Count);
        Assert.Equal("1", root.GetValue("a").GetString());
        Assert.Equal("2", root.GetValue("b").GetString());
    }

    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var root = Parse("""a = "tab\there \"q\" \\ \/ \u00e9 \n end" """);

        Assert.Equal("tab\there \"q\" \\ / \u00e9 \n end", root.GetValue("a").GetString());
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var root = Parse("a = \"\"\"line one\n  \\n stays \"quoted\"\n\"\"\"\nb = \"\"\"x\"\"\"\"");

        Assert.Equal("line one\n  \\n stays \"quoted\"\n", root.GetValue("a").GetString());
        Assert.Equal("x\"", root.GetValue("b").GetString());
    }

    [Fact]
    public void Unquoted_words_separated_by_whitespace_concatenate_into_one_string()
    {
        var root = Parse("a = foo bar   baz\nb = \"quoted\" and unquoted\nc = 10 s\nd = foo\"bar\"");

        Assert.Equal("foo bar   baz", root.GetValue("a").GetString());
        Assert.Equal("quoted and unquoted", root.GetValue("b").GetString());
        Assert.Equal("10 s", root.GetValue("c").GetString());
        Assert.Equal("foobar", root.GetValue("d").GetString());
    }

    [Fact]
    public void Numbers_booleans_and_null_are_recognised_only_as_whole_unquoted_values()
    {
        var root = Parse("i = -42\nd = 1.5e3\nt = true\nf = false\nn = null\ns = \"true\"\nw = 5s\nv = 1.2.3");

        Assert.Equal(HoconValueKind.Number, root.GetValue("i").Kind);
        Assert.Equal(-42L, root.GetValue("i").GetInt64());
        Assert.Equal(1500m, root.GetValue("d").GetDecimal());
        Assert.True(root.GetValue("t").GetBoolean());
        Assert.False(root.GetValue("f").GetBoolean());
        Assert.Equal(HoconValueKind.Null, root.GetValue("n").Kind);
        Assert.Equal(HoconValueKind.String, root.GetValue("s").Kind);
        Assert.Equal(HoconValueKind.String, root.GetValue("w").Kind);
        Assert.Equal("1.2.3", root.GetValue("v").GetString());
    }

    [Fact]
    public void Quoted_key_elements_keep_their_dots()
    {
        var root = Parse("\"a.b\".c = 1\nx.\"y z\" = 2");

        Assert.Equal("1", root.GetObject()["a.b"].GetValue("c").GetString());
        Assert.Equal("2", root.GetValue("x.\"y z\"").GetString());
    }

    [Fact]
    public void Fields_may_be_separated_by_commas_on_one_line()
    {
        var root = Parse("a { x = 1, y = 2, }, b = 3");

        Assert.Equal("2", root.GetValue("a.y").GetString());
        Assert.Equal("3", root.GetValue("b").GetString());
    }

    [Fact]
    public void A_key_named_include_is_still_a_key()
    {
        var root = Parse("include = 5\nincluded { include: yes }");

        Assert.Equal("5", root.GetValue("include").GetString());
        Assert.True(root.GetValue("included.include").GetBoolean());
    }

    [Fact]
    public void Crlf_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var root = Parse("\uFEFFa = 1\r\nb = two words\r\n");

        Assert.Equal("1", root.GetValue("a").GetString());
        Assert.Equal("two words", root.GetValue("b").GetString());
    }

    [Fact]
    public void An_empty_document_is_an_empty_object()
    {
        Assert.Empty(Parse("  # nothing here\n").GetObject());
    }

    [Fact]
    public void Typed_getters_reject_values_of_another_kind_with_a_clear_message()
    {
        var root = Parse("a = hello\nb { c = 1 }");

        var error = Assert.Throws<InvalidCastException>(() => root.GetValue("a").GetInt32());
        Assert.Contains("'hello'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => root.GetValue("b").GetString());
        Assert.Throws<KeyNotFoundException>(() => root.GetValue("b.missing"));
    }
}
