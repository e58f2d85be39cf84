using TradingActors.Hocon;

// Same namespace as AddJsonFile, so the methods show up wherever a configuration builder is used.
namespace Microsoft.Extensions.Configuration;

public static class HoconConfigurationExtensions
{
    /// <summary>
    /// Adds a HOCON file: <c>a.b.c = x</c> becomes the key <c>a:b:c</c>, array items <c>a:b:0</c>. Sources
    /// added later (environment variables, command line) override its keys as usual.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The file; a relative path resolves against the current directory.</param>
    /// <param name="optional">When true a missing file adds no keys instead of failing.</param>
    /// <param name="reloadOnChange">When true the file and its includes are reloaded after they change.</param>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false,
        bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.Add(new HoconFileConfigurationSource { Path = path, Optional = optional, ReloadOnChange = reloadOnChange });
    }

    /// <summary>Adds HOCON text; relative includes resolve against <paramref name="baseDirectory"/> (or the current directory).</summary>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconStringConfigurationSource { Text = text, BaseDirectory = baseDirectory });
    }
}
