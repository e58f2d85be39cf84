using Microsoft.Extensions.Configuration;

namespace TradingActors.Hocon;

/// <summary>A HOCON file (and the files it includes) as a configuration source; see <c>AddHoconFile</c>.</summary>
public sealed class HoconFileConfigurationSource : IConfigurationSource
{
    /// <summary>The file; a relative path resolves against the current directory.</summary>
    public required string Path { get; init; }

    /// <summary>When true a missing file yields no keys instead of an error.</summary>
    public bool Optional { get; init; }

    /// <summary>When true the file and its includes are watched and reloaded after a change.</summary>
    public bool ReloadOnChange { get; init; }

    /// <summary>How long to wait after the last change before reloading, so a file written in several steps is read once.</summary>
    public TimeSpan ReloadDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconFileConfigurationProvider(this);
}
