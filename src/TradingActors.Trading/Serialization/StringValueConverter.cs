using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingActors.Trading.Serialization;

/// <summary>Writes a single-string value type (ids, symbols) as a plain JSON string.</summary>
public sealed class StringValueConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        parse(reader.GetString() ?? throw new JsonException($"Expected a string for {typeof(T).Name}."));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(format(value));
}
