using System.Text.Json;
using System.Text.Json.Serialization;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// JSON for the trading journal and the management API: ids and symbols as strings, enums by name.
/// </summary>
public static class TradingJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new StringValueConverter<Symbol>(s => new Symbol(s), s => s.Value));
        options.Converters.Add(new StringValueConverter<ClientOrderId>(ClientOrderId.FromExchange, c => c.Value));
        options.Converters.Add(new StringValueConverter<IntentId>(s => new IntentId(s), i => i.Value));
        options.Converters.Add(new StringValueConverter<PositionId>(s => new PositionId(s), p => p.Value));
        return options;
    }
}
