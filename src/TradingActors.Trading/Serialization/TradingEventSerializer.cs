using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// Akka serializer for everything marked <see cref="IJournalEvent"/>: System.Text.Json with
/// <see cref="TradingJson.Options"/>, stored under the stable manifests of <see cref="EventManifests"/> (never
/// .NET type names), with retired manifests upcast on read. Bind it with
/// <c>akka.actor.serializers.trading-json</c> and a <c>serialization-bindings</c> entry for <see cref="IJournalEvent"/>.
/// </summary>
public sealed class TradingEventSerializer : SerializerWithStringManifest
{
    /// <summary>
    /// This serializer's id. Akka.Persistence.Sql stores it with every event and snapshot (column
    /// <c>identifier</c>) and picks the serializer for a stored row by it, so it must never change. Akka reserves
    /// 0-99 for its own serializers.
    /// </summary>
    public const int SerializerId = 171;

    private readonly EventManifestRegistry _manifests;
    private readonly JsonSerializerOptions _options;

    public TradingEventSerializer(ExtendedActorSystem system)
        : this(system, EventManifests.Default)
    {
    }

    /// <summary>A serializer over another registry (tests register upcasters on their own copy).</summary>
    public TradingEventSerializer(ExtendedActorSystem system, EventManifestRegistry manifests)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        _manifests = manifests;
        _options = new JsonSerializerOptions(TradingJson.Options)
        {
            TypeInfoResolver = TradingJson.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
        };
        _options.MakeReadOnly();
    }

    public override int Identifier => SerializerId;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return _manifests.TryGetManifest(o.GetType(), out var manifest)
            ? manifest
            : throw Unregistered(o.GetType());
    }

    /// <summary>Serializes a registered payload; anything else is a <see cref="SerializationException"/>, which the journal turns into a rejected persist.</summary>
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!_manifests.TryGetManifest(obj.GetType(), out var manifest))
        {
            throw Unregistered(obj.GetType());
        }

        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(obj, _options.GetTypeInfo(obj.GetType()));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new SerializationException($"Cannot serialize {obj.GetType()} ('{manifest}'): {e.Message}", e);
        }
    }

    /// <summary>Reads a stored payload; an unknown manifest or a malformed payload is a <see cref="SerializationException"/> naming the manifest.</summary>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(manifest);
        if (_manifests.TryGetType(manifest, out var type))
        {
            try
            {
                return JsonSerializer.Deserialize(bytes, _options.GetTypeInfo(type)) ?? throw ReadError(manifest, "payload is null");
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
            {
                throw ReadError(manifest, "malformed payload: " + e.Message, e);
            }
        }

        if (!_manifests.IsUpcast(manifest))
        {
            throw ReadError(manifest, $"unknown manifest (no type or upcaster is registered for it in {nameof(EventManifests)})");
        }

        JsonNode node;
        try
        {
            node = JsonNode.Parse(bytes) ?? throw new JsonException("null payload");
        }
        catch (JsonException e)
        {
            throw ReadError(manifest, "malformed JSON: " + e.Message, e);
        }

        var (upcast, current) = _manifests.Upcast(manifest, node);
        try
        {
            return upcast.Deserialize(_options.GetTypeInfo(current)) ?? throw ReadError(manifest, "payload is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw ReadError(manifest, "malformed payload after upcasting: " + e.Message, e);
        }
    }

    internal static SerializationException ReadError(string manifest, string reason, Exception? inner = null) =>
        new($"Cannot read a journaled payload with manifest '{manifest}': {reason}", inner);

    private static SerializationException Unregistered(Type type) =>
        new($"{type} has no journal manifest: register it in {nameof(EventManifests)} before persisting it.");
}
