using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Binance.Common;

/// <summary>
/// Reads an id that may arrive as a number, a numeric string, an empty string or null (the latter two
/// as 0), as some futures fields do before they are set.
/// </summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetInt64(),
        JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0,
        JsonTokenType.Null => 0,
        _ => throw new JsonException($"Expected an id, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
