using Microsoft.Extensions.Configuration;
using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

public sealed class HoconStringConfigurationProvider(HoconStringConfigurationSource source) : ConfigurationProvider
{
    /// <exception cref="HoconParseException">The text is not valid HOCON.</exception>
    public override void Load()
    {
        var root = HoconParser.Parse(source.Text, "<hocon string>", new HoconParserOptions { BaseDirectory = source.BaseDirectory });
        Data = ConfigurationFlattener.Flatten(root);
    }
}
