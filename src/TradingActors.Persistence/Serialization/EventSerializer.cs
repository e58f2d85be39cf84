using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TradingActors.Persistence.Journal;

namespace TradingActors.Persistence.Serialization;

/// <summary>
/// JSON serialization of events and snapshots with stable type names ("manifests"): the journal stores
/// the manifest, never the CLR type name, so renaming or moving a class does not break an existing
/// journal. Old event versions are upgraded on read by upcasters registered for their manifest.
/// Register everything before the journal is used; reads are lock-free.
/// </summary>
public sealed class EventSerializer
{
    private readonly JsonSerializerOptions _options;
    private readonly ConcurrentDictionary<string, Type> _typesByManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, (string Manifest, JsonTypeInfo Info)> _manifestsByType = new();

    // What reading a current manifest needs, found with one lookup per event (recovery reads millions).
    private readonly ConcurrentDictionary<string, JsonTypeInfo> _readInfoByManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ToManifest, Func<JsonNode, JsonNode> Upcast)> _upcasters = new(StringComparer.Ordinal);

    public EventSerializer(JsonSerializerOptions? options = null)
    {
        _options = new JsonSerializerOptions(options ?? JsonSerializerOptions.Default)
        {
            TypeInfoResolver = options?.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
        };
        _options.MakeReadOnly();
    }

    /// <summary>Registers <typeparamref name="T"/> under a stable <paramref name="manifest"/> (e.g. <c>position-opened.v1</c>).</summary>
    public EventSerializer Register<T>(string manifest) => Register(typeof(T), manifest);

    public EventSerializer Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        if (_upcasters.ContainsKey(manifest))
        {
            throw new ArgumentException($"Manifest '{manifest}' already has an upcaster; it cannot also name a type.", nameof(manifest));
        }

        if (!_typesByManifest.TryAdd(manifest, type) && _typesByManifest[manifest] != type)
        {
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {_typesByManifest[manifest]}.", nameof(manifest));
        }

        if (!_manifestsByType.TryAdd(type, (manifest, _options.GetTypeInfo(type))) && _manifestsByType[type].Manifest != manifest)
        {
            throw new ArgumentException($"{type} is already registered as '{_manifestsByType[type].Manifest}'.", nameof(type));
        }

        _readInfoByManifest.TryAdd(manifest, _manifestsByType[type].Info);

        return this;
    }

    /// <summary>
    /// Upgrades stored events with the old manifest <paramref name="fromManifest"/> into the JSON shape of
    /// <paramref name="toManifest"/> (which may itself be upcast further) when they are read.
    /// </summary>
    public EventSerializer RegisterUpcaster(string fromManifest, string toManifest, Func<JsonNode, JsonNode> upcast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromManifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(toManifest);
        ArgumentNullException.ThrowIfNull(upcast);
        if (_typesByManifest.ContainsKey(fromManifest))
        {
            throw new ArgumentException($"Manifest '{fromManifest}' names a current type; only retired manifests are upcast.", nameof(fromManifest));
        }

        if (!_upcasters.TryAdd(fromManifest, (toManifest, upcast)))
        {
            throw new ArgumentException($"Manifest '{fromManifest}' already has an upcaster.", nameof(fromManifest));
        }

        return this;
    }

    public bool IsRegistered(Type type) => _manifestsByType.ContainsKey(type);

    /// <summary>Serializes a payload; an unregistered type or a serializer error is a <see cref="PersistenceRejectedException"/>.</summary>
    public (byte[] Payload, string Manifest) Serialize(object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_manifestsByType.TryGetValue(payload.GetType(), out var entry))
        {
            throw new PersistenceRejectedException(
                $"{payload.GetType()} has no manifest: register it with EventSerializer.Register<T>(manifest) before persisting it.");
        }

        try
        {
            return (JsonSerializer.SerializeToUtf8Bytes(payload, entry.Info), entry.Manifest);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new PersistenceRejectedException($"Cannot serialize {payload.GetType()} ('{entry.Manifest}'): {e.Message}", e);
        }
    }

    /// <summary>Reads a stored payload; failures name the persistence id and sequence number.</summary>
    public object Deserialize(string manifest, ReadOnlySpan<byte> data, string persistenceId, long sequenceNr)
    {
        if (_readInfoByManifest.TryGetValue(manifest, out var info))
        {
            return Read(data, info, manifest, persistenceId, sequenceNr);
        }

        if (_typesByManifest.TryGetValue(manifest, out var type))
        {
            return Read(data, _manifestsByType[type].Info, manifest, persistenceId, sequenceNr);
        }

        if (!_upcasters.ContainsKey(manifest))
        {
            throw new EventDeserializationException(
                persistenceId, sequenceNr, manifest, "unknown manifest (no type or upcaster is registered for it)");
        }

        JsonNode node;
        try
        {
            node = JsonNode.Parse(data) ?? throw new JsonException("null payload");
        }
        catch (JsonException e)
        {
            throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "malformed JSON: " + e.Message, e);
        }

        var current = manifest;
        var hops = 0;
        while (_upcasters.TryGetValue(current, out var upcaster))
        {
            if (++hops > 64)
            {
                throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "upcaster chain loops");
            }

            try
            {
                node = upcaster.Upcast(node);
            }
            catch (Exception e)
            {
                throw new EventDeserializationException(persistenceId, sequenceNr, manifest, $"upcaster to '{upcaster.ToManifest}' failed: {e.Message}", e);
            }

            current = upcaster.ToManifest;
        }

        if (!_typesByManifest.TryGetValue(current, out type))
        {
            throw new EventDeserializationException(persistenceId, sequenceNr, manifest, $"upcast to unknown manifest '{current}'");
        }

        try
        {
            return node.Deserialize(_manifestsByType[type].Info)
                ?? throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "payload is null");
        }
        catch (JsonException e)
        {
            throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "malformed payload after upcasting: " + e.Message, e);
        }
    }

    private static object Read(ReadOnlySpan<byte> data, JsonTypeInfo info, string manifest, string persistenceId, long sequenceNr)
    {
        try
        {
            return JsonSerializer.Deserialize(data, info)
                ?? throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "payload is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new EventDeserializationException(persistenceId, sequenceNr, manifest, "malformed payload: " + e.Message, e);
        }
    }
}
