using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary>Reads an optional decimal that may arrive as a number, a string, an empty string or null.</summary>
internal sealed class FlexibleDecimalConverter : JsonConverter<decimal?>
{
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDecimal(),
        JsonTokenType.String => decimal.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a decimal, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
