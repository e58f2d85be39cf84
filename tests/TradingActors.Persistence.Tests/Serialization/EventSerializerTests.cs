using System.Text;
using System.Text.Json.Nodes;
using TradingActors.Persistence.Journal;
using TradingActors.Persistence.Serialization;

namespace TradingActors.Persistence.Tests.Serialization;

public sealed class EventSerializerTests
{
    [Fact]
    public void Stored_manifest_is_the_registered_name_not_the_class_name()
    {
        var serializer = TestSerializer.Create();

        var (payload, manifest) = serializer.Serialize(new Noted("hello"));

        Assert.Equal("test.noted.v1", manifest);
        Assert.Equal(new Noted("hello"), serializer.Deserialize(manifest, payload, "p", 1));
    }

    [Fact]
    public void A_renamed_class_reads_events_stored_under_its_manifest()
    {
        var (payload, manifest) = new EventSerializer().Register<Noted>("note").Serialize(new Noted("kept"));
        var renamed = new EventSerializer().Register<RenamedNote>("note");

        var read = renamed.Deserialize(manifest, payload, "p", 1);

        Assert.Equal(new RenamedNote("kept"), read);
    }

    [Fact]
    public void Upcasters_upgrade_old_event_versions_in_a_chain()
    {
        var serializer = new EventSerializer()
            .Register<Noted>("note.v3")
            .RegisterUpcaster("note.v1", "note.v2", node => new JsonObject { ["Body"] = node["Note"]!.GetValue<string>() })
            .RegisterUpcaster("note.v2", "note.v3", node => new JsonObject { ["Text"] = node["Body"]!.GetValue<string>().ToUpperInvariant() });

        var read = serializer.Deserialize("note.v1", Encoding.UTF8.GetBytes("""{"Note":"old"}"""), "p", 7);

        Assert.Equal(new Noted("OLD"), read);
    }

    [Fact]
    public void Unknown_manifest_names_the_persistence_id_and_sequence_number()
    {
        var error = Assert.Throws<EventDeserializationException>(
            () => TestSerializer.Create().Deserialize("gone.v9", "{}"u8, "position-42", 17));

        Assert.Contains("position-42", error.Message, StringComparison.Ordinal);
        Assert.Contains("17", error.Message, StringComparison.Ordinal);
        Assert.Contains("gone.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_type_is_a_rejection()
    {
        Assert.Throws<PersistenceRejectedException>(() => TestSerializer.Create().Serialize(new Unregistered(1)));
    }

    [Fact]
    public void A_manifest_cannot_name_two_types()
    {
        var serializer = new EventSerializer().Register<Noted>("x");

        Assert.Throws<ArgumentException>(() => serializer.Register<RenamedNote>("x"));
    }

    public sealed record RenamedNote(string Text);
}
