using Microsoft.Extensions.Configuration;

namespace TradingActors.Hocon;

/// <summary>HOCON text held in memory as a configuration source; see <c>AddHoconString</c>.</summary>
public sealed class HoconStringConfigurationSource : IConfigurationSource
{
    public required string Text { get; init; }

    /// <summary>Directory that relative includes resolve against; the current directory when null.</summary>
    public string? BaseDirectory { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconStringConfigurationProvider(this);
}
