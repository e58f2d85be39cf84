using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace TradingActors.Trading.Serialization;

/// <summary>
/// Stable manifests of journaled types and the upcasters of retired ones. A manifest names one type for
/// ever (renaming the class keeps the manifest); a changed shape gets a new manifest (<c>.v2</c>) and the old
/// one an upcaster into it, so events already in a journal are read as the current type.
/// Register everything before the actor system starts; reads are lock-free.
/// </summary>
public sealed class EventManifestRegistry
{
    private const int MaxUpcastHops = 64;

    private readonly ConcurrentDictionary<string, Type> _typesByManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _manifestsByType = new();
    private readonly ConcurrentDictionary<string, (string ToManifest, Func<JsonNode, JsonNode> Upcast)> _upcasters = new(StringComparer.Ordinal);

    /// <summary>Every current (type, manifest) pair.</summary>
    public IReadOnlyCollection<KeyValuePair<Type, string>> Registered => _manifestsByType;

    /// <summary>Registers <typeparamref name="T"/> under a stable <paramref name="manifest"/> (e.g. <c>position.opened.v1</c>).</summary>
    public EventManifestRegistry Register<T>(string manifest)
        where T : IJournalEvent => Register(typeof(T), manifest);

    public EventManifestRegistry Register(Type type, string manifest)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        if (!typeof(IJournalEvent).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type} does not implement {nameof(IJournalEvent)}, so Akka would not serialize it with {nameof(TradingEventSerializer)}.", nameof(type));
        }

        if (_upcasters.ContainsKey(manifest))
        {
            throw new ArgumentException($"Manifest '{manifest}' already has an upcaster; it cannot also name a type.", nameof(manifest));
        }

        if (!_typesByManifest.TryAdd(manifest, type) && _typesByManifest[manifest] != type)
        {
            throw new ArgumentException($"Manifest '{manifest}' is already registered for {_typesByManifest[manifest]}.", nameof(manifest));
        }

        if (!_manifestsByType.TryAdd(type, manifest) && _manifestsByType[type] != manifest)
        {
            throw new ArgumentException($"{type} is already registered as '{_manifestsByType[type]}'.", nameof(type));
        }

        return this;
    }

    /// <summary>
    /// Upgrades stored events with the retired manifest <paramref name="fromManifest"/> into the JSON shape of
    /// <paramref name="toManifest"/> (which may itself be upcast further) when they are read.
    /// </summary>
    public EventManifestRegistry RegisterUpcaster(string fromManifest, string toManifest, Func<JsonNode, JsonNode> upcast)
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

    public bool TryGetManifest(Type type, out string manifest) => _manifestsByType.TryGetValue(type, out manifest!);

    public bool TryGetType(string manifest, out Type type) => _typesByManifest.TryGetValue(manifest, out type!);

    public bool IsUpcast(string manifest) => _upcasters.ContainsKey(manifest);

    /// <summary>
    /// Runs the upcaster chain from a retired <paramref name="manifest"/>; returns the upgraded JSON and the
    /// current type it now has the shape of. Failures are <see cref="System.Runtime.Serialization.SerializationException"/>s naming the manifest.
    /// </summary>
    public (JsonNode Node, Type Type) Upcast(string manifest, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var current = manifest;
        var hops = 0;
        while (_upcasters.TryGetValue(current, out var upcaster))
        {
            if (++hops > MaxUpcastHops)
            {
                throw TradingEventSerializer.ReadError(manifest, "upcaster chain loops");
            }

            try
            {
                node = upcaster.Upcast(node);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw TradingEventSerializer.ReadError(manifest, $"upcaster to '{upcaster.ToManifest}' failed: {e.Message}", e);
            }

            current = upcaster.ToManifest;
        }

        return _typesByManifest.TryGetValue(current, out var type)
            ? (node, type)
            : throw TradingEventSerializer.ReadError(manifest, $"upcast to unknown manifest '{current}'");
    }
}
