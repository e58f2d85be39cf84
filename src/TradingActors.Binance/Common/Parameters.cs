using System.Globalization;

namespace TradingActors.Binance.Common;

/// <summary>An ordered list of request parameters (order matters: the signature covers the exact query).</summary>
internal sealed class Parameters : List<KeyValuePair<string, string>>
{
    public Parameters Add(string key, string? value)
    {
        if (value is not null)
        {
            Add(new KeyValuePair<string, string>(key, value));
        }

        return this;
    }

    public Parameters Add(string key, decimal? value) =>
        value is { } v ? Add(key, BinanceJson.Format(v)) : this;

    public Parameters Add(string key, long? value) =>
        value is { } v ? Add(key, v.ToString(CultureInfo.InvariantCulture)) : this;

    public Parameters AddFlag(string key, bool value) => value ? Add(key, "true") : this;
}
