namespace TradingActors.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_include_is_resolved_relative_to_the_including_file()
    {
        _dir.Write("conf/child.conf", "child = yes");
        var main = _dir.Write("conf/main.conf", "include \"child.conf\"\nown = 1");

        var root = HoconParser.ParseFile(main);

        Assert.True(root.GetValue("child").GetBoolean());
        Assert.Equal(1, root.GetValue("own").GetInt32());
    }

    [Fact]
    public void Nested_includes_resolve_relative_to_each_file()
    {
        _dir.Write("a/b/leaf.conf", "leaf = 3");
        _dir.Write("a/middle.conf", "include \"b/leaf.conf\"\nmiddle = 2");
        var main = _dir.Write("main.conf", "include file(\"a/middle.conf\")\ntop = 1");

        var root = HoconParser.ParseFile(main);

        Assert.Equal(3, root.GetValue("leaf").GetInt32());
        Assert.Equal(2, root.GetValue("middle").GetInt32());
    }

    [Fact]
    public void Keys_after_an_include_override_the_included_ones_and_objects_merge()
    {
        _dir.Write("defaults.conf", "db { host = localhost, port = 5432 }\nname = default");
        var main = _dir.Write("main.conf", "include \"defaults.conf\"\ndb.port = 6543\nname = mine");

        var root = HoconParser.ParseFile(main);

        Assert.Equal("localhost", root.GetValue("db.host").GetString());
        Assert.Equal(6543, root.GetValue("db.port").GetInt32());
        Assert.Equal("mine", root.GetValue("name").GetString());
    }

    [Fact]
    public void An_include_inside_an_object_lands_under_that_object()
    {
        _dir.Write("pool.conf", "size = 4");
        var main = _dir.Write("main.conf", "pool { include \"pool.conf\"\n name = p }");

        var root = HoconParser.ParseFile(main);

        Assert.Equal(4, root.GetValue("pool.size").GetInt32());
    }

    [Fact]
    public void Substitutions_resolve_across_included_files_after_the_merge()
    {
        _dir.Write("values.conf", "port = 8080\nurl = \"http://host:\"${port}");
        var main = _dir.Write("main.conf", "include \"values.conf\"\nport = 9090");

        var root = HoconParser.ParseFile(main);

        Assert.Equal("http://host:9090", root.GetValue("url").GetString());
    }

    [Fact]
    public void A_missing_optional_include_is_ignored()
    {
        var main = _dir.Write("main.conf", "include \"nowhere.conf\"\ninclude file(\"also-missing.conf\")\na = 1");

        var root = HoconParser.ParseFile(main);

        Assert.Equal(["a"], root.GetObject().Keys);
    }

    [Fact]
    public void A_missing_required_include_is_an_error_at_the_file_name()
    {
        var main = _dir.Write("main.conf", "a = 1\ninclude required(\"nowhere.conf\")");

        var error = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main));

        Assert.Contains("nowhere.conf", error.Reason, StringComparison.Ordinal);
        Assert.Equal(main, error.SourceName);
        Assert.Equal((2, 18), (error.Line, error.Column));
    }

    [Fact]
    public void A_present_required_file_include_is_read()
    {
        _dir.Write("x.conf", "x = 1");
        var main = _dir.Write("main.conf", "include required(file(\"x.conf\"))");

        var root = HoconParser.ParseFile(main);

        Assert.Equal(1, root.GetValue("x").GetInt32());
    }

    [Fact]
    public void An_include_cycle_is_a_clear_error()
    {
        _dir.Write("a.conf", "include \"b.conf\"");
        _dir.Write("b.conf", "include \"a.conf\"");
        var main = Path.Combine(_dir.Path, "a.conf");

        var error = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main));

        Assert.Contains("Include cycle", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_in_an_included_file_names_that_file()
    {
        var child = _dir.Write("child.conf", "ok = 1\nbroken = [1, 2");
        var main = _dir.Write("main.conf", "include \"child.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconParser.ParseFile(main));

        Assert.Equal(child, error.SourceName);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_parsed_string_resolves_includes_against_the_given_base_directory()
    {
        _dir.Write("extra.conf", "extra = 1");

        var root = HoconParser.Parse("include \"extra.conf\"", options: new HoconParserOptions { BaseDirectory = _dir.Path });

        Assert.Equal(1, root.GetValue("extra").GetInt32());
    }

    [Fact]
    public void An_include_with_an_unquoted_name_is_a_syntax_error()
    {
        var error = Assert.Throws<HoconParseException>(() => HoconParser.Parse("include file(x.conf)"));

        Assert.Contains("quoted file name", error.Reason, StringComparison.Ordinal);
    }
}
