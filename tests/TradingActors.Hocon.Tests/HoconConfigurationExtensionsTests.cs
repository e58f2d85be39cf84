using Microsoft.Extensions.Configuration;

namespace TradingActors.Hocon.Tests;

public sealed class HoconConfigurationExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Path_keys_become_colon_separated_configuration_keys()
    {
        var config = new ConfigurationBuilder().AddHoconString("a.b.c = x\nd { e = 1 }").Build();

        Assert.Equal("x", config["a:b:c"]);
        Assert.Equal("1", config["d:e"]);
        Assert.Equal("x", config.GetSection("a").GetSection("b")["c"]);
    }

    [Fact]
    public void Array_items_become_indexed_keys()
    {
        var config = new ConfigurationBuilder().AddHoconString("a.b = [x, y, { z = 1 }]").Build();

        Assert.Equal("x", config["a:b:0"]);
        Assert.Equal("y", config["a:b:1"]);
        Assert.Equal("1", config["a:b:2:z"]);
        Assert.Equal(3, config.GetSection("a:b").GetChildren().Count());
    }

    [Fact]
    public void Durations_sizes_booleans_and_null_stay_as_their_text()
    {
        var config = new ConfigurationBuilder().AddHoconString("t = 1 minute\ns = 64 MiB\nb = true\nn = null").Build();

        Assert.Equal("1 minute", config["t"]);
        Assert.Equal("64 MiB", config["s"]);
        Assert.Equal("true", config["b"]);
        Assert.Null(config["n"]);
        Assert.Equal(TimeSpan.FromMinutes(1), HoconDuration.Parse(config["t"]!));
    }

    [Fact]
    public void A_later_in_memory_source_overrides_a_hocon_file()
    {
        var file = _dir.Write("app.conf", "db { host = localhost, port = 5432 }");

        var config = new ConfigurationBuilder()
            .AddHoconFile(file)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["db:port"] = "6000" })
            .Build();

        Assert.Equal("localhost", config["db:host"]);
        Assert.Equal("6000", config["db:port"]);
    }

    [Fact]
    public void Environment_variables_added_after_the_file_override_its_keys()
    {
        var prefix = "HOCONTEST" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "db__port", "7000");
        try
        {
            var config = new ConfigurationBuilder()
                .AddHoconString("db.port = 5432\ndb.host = h")
                .AddEnvironmentVariables(prefix)
                .Build();

            Assert.Equal("7000", config["db:port"]);
            Assert.Equal("h", config["db:host"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "db__port", null);
        }
    }

    [Fact]
    public void Command_line_options_added_last_override_everything()
    {
        var config = new ConfigurationBuilder()
            .AddHoconString("mode = paper")
            .AddCommandLine(["--mode", "live"])
            .Build();

        Assert.Equal("live", config["mode"]);
    }

    [Fact]
    public void An_optional_environment_substitution_inside_hocon_overrides_the_default()
    {
        var name = "HOCON_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "secret-from-env");
        try
        {
            var config = new ConfigurationBuilder()
                .AddHoconString($"api.key = none\napi.key = ${{?{name}}}\napi.other = ${{?{name}_UNSET}}")
                .Build();

            Assert.Equal("secret-from-env", config["api:key"]);
            Assert.Null(config["api:other"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_missing_required_file_fails_and_a_missing_optional_file_adds_nothing()
    {
        var missing = Path.Combine(_dir.Path, "missing.conf");

        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHoconFile(missing).Build());
        var config = new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build();
        Assert.Empty(config.AsEnumerable());
    }

    [Fact]
    public void A_malformed_file_fails_the_build_with_its_position()
    {
        var file = _dir.Write("bad.conf", "a = 1\nb = [");

        var error = Assert.Throws<HoconParseException>(() => new ConfigurationBuilder().AddHoconFile(file).Build());

        Assert.Equal(file, error.SourceName);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Includes_of_a_file_source_resolve_next_to_the_file()
    {
        _dir.Write("conf/module.conf", "module.enabled = true");
        var file = _dir.Write("conf/app.conf", "include \"module.conf\"");

        var config = new ConfigurationBuilder().AddHoconFile(file).Build();

        Assert.Equal("true", config["module:enabled"]);
    }

    [Fact]
    public async Task A_changed_include_reloads_the_configuration_when_watching()
    {
        var module = _dir.Write("module.conf", "value = 1");
        var file = _dir.Write("app.conf", "include \"module.conf\"");
        using var config = (ConfigurationRoot)new ConfigurationBuilder().AddHoconFile(file, reloadOnChange: true).Build();

        await File.WriteAllTextAsync(module, "value = 2");

        await WaitUntilAsync(config, () => config["value"] == "2");
    }

    [Fact]
    public async Task A_reload_that_fails_to_parse_keeps_the_last_good_configuration()
    {
        var file = _dir.Write("app.conf", "value = 1");
        using var config = (ConfigurationRoot)new ConfigurationBuilder().AddHoconFile(file, reloadOnChange: true).Build();
        var provider = config.Providers.OfType<HoconFileConfigurationProvider>().Single();

        // Replaced in one step: a file rewritten in place can be read while still empty, which is valid HOCON.
        var replacement = _dir.Write("app.conf.new", "value = [broken");
        File.Move(replacement, file, overwrite: true);

        await WaitUntilAsync(config, () => provider.LastReloadError is HoconParseException);
        Assert.Equal("1", config["value"]);
    }

    /// <summary>Re-checks the condition after every reload (and every few milliseconds) until it holds or time runs out.</summary>
    private static async Task WaitUntilAsync(IConfigurationRoot config, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = config.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
            if (condition())
            {
                return;
            }

            await Task.WhenAny(reloaded.Task, Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token));
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
