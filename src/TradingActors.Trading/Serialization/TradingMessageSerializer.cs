using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using TradingActors.Exchange;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// Akka serializer for the messages that cross nodes in a cluster: every message of the actors' protocols
/// (<c>*Protocol</c> classes: commands to positions and intents, their reports and views, questions to the
/// singletons) and the exchange's events (fills reaching an intent on another node). System.Text.Json with
/// <see cref="TradingJson.Options"/>, so ids and dictionaries keyed by them travel as they are journaled. Messages are
/// never stored, so the manifest is the type's name: every node of a cluster runs the same build.
/// </summary>
public sealed class TradingMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 172;

    private static readonly JsonSerializerOptions Options = new(TradingJson.Options)
    {
        Converters = { new ReadOnlySetConverter() },
    };

    public override int Identifier => SerializerId;

    /// <summary>
    /// The types bound to this serializer: the nested records of the protocol classes (but journal events, which
    /// <see cref="TradingEventSerializer"/> writes), and <see cref="ExchangeEvent"/>.
    /// </summary>
    public static IReadOnlyList<Type> BoundTypes { get; } = typeof(TradingMessageSerializer).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Protocol", StringComparison.Ordinal))
        .SelectMany(t => t.GetNestedTypes(BindingFlags.Public))
        .Where(t => !t.IsInterface && !t.IsAbstract && !typeof(IJournalEvent).IsAssignableFrom(t))
        .Append(typeof(ExchangeEvent))
        .ToList();

    /// <summary>The serializer and its bindings, as Akka configuration.</summary>
    public static string Config()
    {
        var bindings = new StringBuilder();
        foreach (var type in BoundTypes)
        {
            bindings.Append('"').Append(TypeName(type)).Append("\" = trading-messages\n");
        }

        return $$"""
            akka.actor {
              serializers.trading-messages = "{{TypeName(typeof(TradingMessageSerializer))}}"
              serialization-bindings {
            {{bindings}}  }
            }
            """;
    }

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return TypeName(o.GetType());
    }

    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = Type.GetType(manifest) ?? throw new SerializationException($"Unknown message type '{manifest}': do all nodes run the same build?");
        return JsonSerializer.Deserialize(bytes, type, Options)
            ?? throw new SerializationException($"Empty payload for '{manifest}'.");
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>Reads an <see cref="IReadOnlySet{T}"/> (which System.Text.Json writes but cannot create) as a <see cref="HashSet{T}"/>.</summary>
    private sealed class ReadOnlySetConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(SetConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class SetConverter<T> : JsonConverter<IReadOnlySet<T>>
        {
            public override IReadOnlySet<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                JsonSerializer.Deserialize<HashSet<T>>(ref reader, options);

            public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.ToArray(), options);
        }
    }
}
