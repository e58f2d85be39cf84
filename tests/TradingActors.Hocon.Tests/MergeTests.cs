namespace TradingActors.Hocon.Tests;

public sealed class MergeTests
{
    private static HoconValue Parse(string text) => HoconParser.Parse(text);

    [Fact]
    public void Duplicate_keys_with_object_values_merge_recursively()
    {
        var root = Parse("a { x = 1, inner { p = 1 } }\na { y = 2, inner { q = 2 } }");

        Assert.Equal(1, root.GetValue("a.x").GetInt32());
        Assert.Equal(2, root.GetValue("a.y").GetInt32());
        Assert.Equal(1, root.GetValue("a.inner.p").GetInt32());
        Assert.Equal(2, root.GetValue("a.inner.q").GetInt32());
    }

    [Fact]
    public void A_later_scalar_replaces_an_earlier_value()
    {
        var root = Parse("a = 1\na = 2\nb { x = 1 }\nb = flat\nc = [1]\nc = [2]");

        Assert.Equal(2, root.GetValue("a").GetInt32());
        Assert.Equal("flat", root.GetValue("b").GetString());
        Assert.Equal(["2"], root.GetValue("c").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void An_object_after_a_scalar_replaces_it_instead_of_merging()
    {
        var root = Parse("a = 1\na { x = 1 }");

        Assert.Equal(1, root.GetValue("a.x").GetInt32());
    }

    [Fact]
    public void Path_keys_merge_into_an_existing_object()
    {
        var root = Parse("db { host = h, port = 1 }\ndb.port = 2");

        Assert.Equal("h", root.GetValue("db.host").GetString());
        Assert.Equal(2, root.GetValue("db.port").GetInt32());
    }

    [Fact]
    public void An_object_merges_over_a_substituted_object()
    {
        var root = Parse("base { a = 1, b = 2 }\nx = ${base}\nx { b = 3 }");

        Assert.Equal(1, root.GetValue("x.a").GetInt32());
        Assert.Equal(3, root.GetValue("x.b").GetInt32());
    }

    [Fact]
    public void Plus_equals_appends_to_an_existing_array()
    {
        var root = Parse("a = [1, 2]\na += 3\na += [4]");

        var items = root.GetValue("a").GetArray();
        Assert.Equal(4, items.Count);
        Assert.Equal("3", items[2].GetString());
        Assert.Equal(HoconValueKind.Array, items[3].Kind);
    }

    [Fact]
    public void Plus_equals_on_a_missing_key_starts_a_new_array()
    {
        var root = Parse("a += x\nnested.b += y\nnested.b += z");

        Assert.Equal(["x"], root.GetValue("a").GetArray().Select(v => v.GetString()));
        Assert.Equal(["y", "z"], root.GetValue("nested.b").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Plus_equals_inside_an_object_block_appends_to_the_earlier_array()
    {
        var root = Parse("a { list = [1] }\na { list += 2 }");

        Assert.Equal(["1", "2"], root.GetValue("a.list").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Plus_equals_after_a_substituted_object_appends_to_its_array()
    {
        var root = Parse("base { list = [1], name = b }\na = ${base}\na.list += 2\na { list += 3 }");

        Assert.Equal(["1", "2", "3"], root.GetValue("a.list").GetArray().Select(v => v.GetString()));
        Assert.Equal("b", root.GetValue("a.name").GetString());
        Assert.Equal(["1"], root.GetValue("base.list").GetArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Thousands_of_appends_to_one_key_do_not_exhaust_the_resolver()
    {
        var text = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"a += {i}"));

        var items = Parse(text).GetValue("a").GetArray();

        Assert.Equal(3000, items.Count);
        Assert.Equal("2999", items[^1].GetString());
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_a_clear_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a = text\na += 1"));

        Assert.Contains("concatenate", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_fields_keep_the_order_of_first_definition()
    {
        var root = Parse("z = 1\na = 2\nz = 3");

        Assert.Equal(["z", "a"], root.GetObject().Keys);
    }
}
