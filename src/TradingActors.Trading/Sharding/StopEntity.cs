namespace TradingActors.Trading.Sharding;

/// <summary>
/// The message an entity asks its shard to send it when it passivates: handled as a command, so it waits for any
/// write in flight, and the shard buffers what arrives meanwhile for the entity's next incarnation.
/// </summary>
public sealed class StopEntity
{
    private StopEntity()
    {
    }

    public static StopEntity Instance { get; } = new();
}
