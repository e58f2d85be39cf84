using TradingActors.Persistence.Serialization;

namespace TradingActors.Persistence.Tests;

public sealed record Incremented(int By);

public sealed record Noted(string Text);

public sealed record CounterState(int Total, IReadOnlyList<string> Notes);

/// <summary>Not registered with the serializer: persisting it is a rejection.</summary>
public sealed record Unregistered(int Value);

public static class TestSerializer
{
    public static EventSerializer Create() => new EventSerializer()
        .Register<Incremented>("test.incremented.v1")
        .Register<Noted>("test.noted.v1")
        .Register<CounterState>("test.counter-state.v1");
}
