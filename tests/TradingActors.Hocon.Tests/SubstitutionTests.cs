namespace TradingActors.Hocon.Tests;

public sealed class SubstitutionTests
{
    internal static Dictionary<string, string> NoEnvironment { get; } = [];

    private static HoconValue Parse(string text, Dictionary<string, string>? environment = null)
    {
        var env = environment ?? NoEnvironment;
        return HoconParser.Parse(text, "test.conf",
            new HoconParserOptions { EnvironmentVariables = name => env.TryGetValue(name, out var v) ? v : null });
    }

    [Fact]
    public void A_substitution_takes_the_value_at_its_path()
    {
        var root = Parse("a = 1\nb = ${a}");

        Assert.Equal(HoconValueKind.Number, root.GetValue("b").Kind);
        Assert.Equal(1, root.GetValue("b").GetInt32());
    }

    [Fact]
    public void A_substitution_may_refer_forward_to_a_later_field()
    {
        var root = Parse("b = ${a}\na = forward");

        Assert.Equal("forward", root.GetValue("b").GetString());
    }

    [Fact]
    public void A_substitution_sees_the_final_value_after_later_overrides()
    {
        var root = Parse("a = 1\nb = ${a}\na = 2");

        Assert.Equal(2, root.GetValue("b").GetInt32());
    }

    [Fact]
    public void Nested_paths_resolve_inside_the_object_being_defined()
    {
        var root = Parse("server { host = localhost, port = 80, url = \"http://\"${server.host}\":\"${server.port} }");

        Assert.Equal("http://localhost:80", root.GetValue("server.url").GetString());
    }

    [Fact]
    public void Objects_and_arrays_can_be_substituted_whole()
    {
        var root = Parse("base { x = 1, list = [1, 2] }\ncopy = ${base}\nitems = ${base.list}");

        Assert.Equal(1, root.GetValue("copy.x").GetInt32());
        Assert.Equal(2, root.GetValue("items").GetArray().Count);
    }

    [Fact]
    public void A_substitution_followed_by_an_object_inherits_and_overrides()
    {
        var root = Parse("defaults { timeout = 5s, retries = 3 }\nfast = ${defaults} { timeout = 1s }");

        Assert.Equal("1s", root.GetValue("fast.timeout").GetString());
        Assert.Equal(3, root.GetValue("fast.retries").GetInt32());
        Assert.Equal("5s", root.GetValue("defaults.timeout").GetString());
    }

    [Fact]
    public void A_chain_of_substitutions_resolves_through_every_link()
    {
        var root = Parse("a = ${b}\nb = ${c.d}\nc { d = ${e} }\ne = end");

        Assert.Equal("end", root.GetValue("a").GetString());
    }

    [Fact]
    public void A_self_reference_appends_to_the_earlier_array()
    {
        var root = Parse("a = [1]\na = ${a} [2]\na = ${a} [3]");

        Assert.Equal(["1", "2", "3"], root.GetValue("a").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void A_self_reference_extends_the_earlier_string()
    {
        var root = Parse("path = /usr/bin\npath = ${path}\":/opt/bin\"");

        Assert.Equal("/usr/bin:/opt/bin", root.GetValue("path").GetString());
    }

    [Fact]
    public void A_self_reference_in_a_nested_object_sees_the_earlier_value()
    {
        var root = Parse("a { list = [x] }\na { list = ${a.list} [y] }");

        Assert.Equal(["x", "y"], root.GetValue("a.list").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void A_cycle_between_two_fields_is_a_clear_error_at_the_substitution()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a = ${b}\nb = ${a}"));

        Assert.Contains("cycle", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("${a}", error.Reason, StringComparison.Ordinal);
        Assert.Contains("${b}", error.Reason, StringComparison.Ordinal);
        Assert.Equal("test.conf", error.SourceName);
    }

    [Fact]
    public void An_object_containing_a_reference_to_itself_is_a_cycle()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a { b = ${a} }"));

        Assert.Contains("cycle", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((1, 9), (error.Line, error.Column));
    }

    [Fact]
    public void A_missing_required_substitution_names_the_path_and_position()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a = 1\nb = x ${nope.here}"));

        Assert.Contains("nope.here", error.Reason, StringComparison.Ordinal);
        Assert.Equal((2, 7), (error.Line, error.Column));
    }

    [Fact]
    public void An_optional_substitution_falls_back_to_the_environment()
    {
        var root = Parse("key = default\nkey = ${?API_KEY}", new() { ["API_KEY"] = "from-env" });

        Assert.Equal("from-env", root.GetValue("key").GetString());
    }

    [Fact]
    public void An_absent_optional_substitution_keeps_the_earlier_value()
    {
        var root = Parse("key = default\nkey = ${?API_KEY}");

        Assert.Equal("default", root.GetValue("key").GetString());
    }

    [Fact]
    public void An_absent_optional_substitution_with_no_earlier_value_leaves_the_field_unset()
    {
        var root = Parse("key = ${?API_KEY}\nlist = [1, ${?API_KEY}, 2]");

        Assert.False(root.TryGetValue("key", out _));
        Assert.Equal(2, root.GetValue("list").GetArray().Count);
    }

    [Fact]
    public void A_path_in_the_document_wins_over_an_environment_variable_of_the_same_name()
    {
        var root = Parse("HOME = doc\nx = ${?HOME}", new() { ["HOME"] = "env" });

        Assert.Equal("doc", root.GetValue("x").GetString());
    }

    [Fact]
    public void A_required_substitution_also_falls_back_to_the_environment()
    {
        var root = Parse("x = ${SOME_VAR}", new() { ["SOME_VAR"] = "42" });

        Assert.Equal("42", root.GetValue("x").GetString());
    }

    [Fact]
    public void The_real_process_environment_is_used_by_default()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "real");
        try
        {
            var root = HoconParser.Parse($"x = ${{?{name}}}");

            Assert.Equal("real", root.GetValue("x").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Concatenating_an_object_with_a_string_is_a_clear_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("o { a = 1 }\nx = ${o} text"));

        Assert.Contains("concatenate", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_very_long_substitution_chain_is_an_error_not_a_stack_overflow()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na5000 = end";

        var error = Assert.Throws<HoconParseException>(() => Parse(text));

        Assert.Contains("deeper", error.Reason, StringComparison.Ordinal);
    }
}
