using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Configuration;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Serialization;

namespace TradingActors.Trading.Tests.Serialization;

public sealed class TradingEventSerializerTests() : Akka.TestKit.Xunit2.TestKit(Config)
{
    // The binding the node's JournalConfiguration writes; the node's persistence tests check it end to end.
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers.trading-json = "TradingActors.Trading.Serialization.TradingEventSerializer, TradingActors.Trading"
          serialization-bindings {
            "TradingActors.Trading.Serialization.IJournalEvent, TradingActors.Trading" = trading-json
          }
        }
        """);

    /// <summary>The manifests already written into journals: none may change or disappear.</summary>
    private static readonly string[] StableManifests =
    [
        "intent.finished.v1", "intent.fill-recorded.v1", "intent.order-progressed.v1", "intent.order-rejected.v1",
        "intent.order-sending.v1", "intent.order-unknown.v1", "intent.protection-established.v1", "intent.submitted.v1",
        "position.aged-exit-phase-changed.v1", "position.alert-raised.v1", "position.close-failed.v1", "position.close-started.v1",
        "position.closed.v1", "position.entry-failed.v1", "position.entry-filled.v1", "position.entry-rolled-back.v1",
        "position.exit-partially-filled.v1", "position.flatness-checked.v1", "position.funding-recorded.v1", "position.opened.v1", "position.orphan-closed.v1",
        "position.protection-armed.v1", "position.protection-cancelled.v1", "position.protection-failed.v1",
        "position.quantity-corrected.v1", "position.stop-move-requested.v1", "reconciler.completed.v1",
        "reconciler.difference-resolved.v1", "risk.kill-switch-engaged.v1", "risk.kill-switch-reset.v1",
        "risk.realized-pnl-recorded.v1", "strategy.signal-recorded.v1",
    ];

    public static TheoryData<string> Manifests() => [.. EventManifests.Default.Registered.Select(r => r.Value).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_type_round_trips_through_Akka_serialization_under_its_manifest(string manifest)
    {
        var type = EventManifests.Default.Registered.Single(r => r.Value == manifest).Key;
        var evt = JournalSamples.Create(type);

        var serializer = Sys.Serialization.FindSerializerFor(evt);
        var stored = Akka.Serialization.Serialization.ManifestFor(serializer, evt);
        var bytes = serializer.ToBinary(evt);
        var read = Sys.Serialization.Deserialize(bytes, serializer.Identifier, stored);

        Assert.IsType<TradingEventSerializer>(serializer);
        Assert.Equal(TradingEventSerializer.SerializerId, serializer.Identifier);
        Assert.Equal(manifest, stored);
        Assert.IsType(type, read);
        Assert.Equal(Json(evt), Json(read));
    }

    [Fact]
    public void The_manifest_table_keeps_every_manifest_already_in_journals()
    {
        var registered = EventManifests.Default.Registered.Select(r => r.Value).Order(StringComparer.Ordinal);

        Assert.Equal(StableManifests.Order(StringComparer.Ordinal), registered);
    }

    [Fact]
    public void Every_journal_event_type_has_a_manifest()
    {
        var journaled = typeof(IJournalEvent).Assembly.GetTypes()
            .Where(t => typeof(IJournalEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        var missing = journaled.Where(t => !EventManifests.Default.TryGetManifest(t, out _)).Select(t => t.FullName).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void An_old_manifest_is_upcast_into_the_current_type()
    {
        var manifests = EventManifests.Create()
            .RegisterUpcaster("position.alert-raised.v0", "position.alert-raised.v1", node => new JsonObject
            {
                ["severity"] = "Critical",
                ["message"] = node["text"]!.GetValue<string>(),
                ["at"] = node["at"]!.GetValue<string>(),
            });
        var serializer = new TradingEventSerializer((ExtendedActorSystem)Sys, manifests);

        var read = serializer.FromBinary(Encoding.UTF8.GetBytes("""{"text":"old alert","at":"2026-01-02T03:04:05+00:00"}"""), "position.alert-raised.v0");

        Assert.Equal(new AlertRaised(AlertSeverity.Critical, "old alert", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), read);
    }

    [Fact]
    public void Upcasters_chain_through_retired_versions()
    {
        var manifests = EventManifests.Create()
            .RegisterUpcaster("risk.kill-switch-engaged.v0", "risk.kill-switch-engaged.v0b", node => new JsonObject { ["when"] = node["time"]!.GetValue<string>() })
            .RegisterUpcaster("risk.kill-switch-engaged.v0b", "risk.kill-switch-engaged.v1", node => new JsonObject { ["at"] = node["when"]!.GetValue<string>() });
        var serializer = new TradingEventSerializer((ExtendedActorSystem)Sys, manifests);

        var read = serializer.FromBinary("""{"time":"2026-01-02T03:04:05+00:00"}"""u8.ToArray(), "risk.kill-switch-engaged.v0");

        Assert.Equal(new Risk.RiskEvents.KillSwitchWasEngaged(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), read);
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(
            () => Sys.Serialization.Deserialize("{}"u8.ToArray(), TradingEventSerializer.SerializerId, "gone.v9"));

        Assert.Contains("'gone.v9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_payload_is_a_serialization_error_naming_the_manifest()
    {
        var error = Assert.Throws<SerializationException>(
            () => Sys.Serialization.Deserialize("{not json"u8.ToArray(), TradingEventSerializer.SerializerId, "position.closed.v1"));

        Assert.Contains("'position.closed.v1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_journal_event_without_a_manifest_cannot_be_persisted()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new Unregistered(1));

        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(new Unregistered(1)));

        Assert.Contains(nameof(EventManifests), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_names_one_type_and_a_type_has_one_manifest()
    {
        var manifests = EventManifests.Create();

        Assert.Throws<ArgumentException>(() => manifests.Register<Unregistered>("position.closed.v1"));
        Assert.Throws<ArgumentException>(() => manifests.Register<PositionClosed>("position.closed.v2"));
        Assert.Throws<ArgumentException>(() => manifests.RegisterUpcaster("position.closed.v1", "position.closed.v2", n => n));
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), TradingJson.Options);

    public sealed record Unregistered(int Value) : IJournalEvent;
}
