using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TradingActors.Trading.Time;

/// <summary>
/// Hands a clock to the scheduler Akka constructs itself (it passes only the config): the clock is registered under
/// an id before the system starts, and the id travels in the config. A clock keeps its id for the life of the process,
/// so systems started one after another from the same config share it.
/// </summary>
internal static class TradingClockRegistry
{
    private static readonly ConcurrentDictionary<string, TimeProvider> Clocks = new();
    private static readonly ConditionalWeakTable<TimeProvider, string> Ids = [];

    public static string Register(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var id = Ids.GetValue(clock, static _ => Guid.NewGuid().ToString("N"));
        Clocks.TryAdd(id, clock);
        return id;
    }

    public static TimeProvider Resolve(string? id) =>
        string.IsNullOrEmpty(id)
            ? throw new InvalidOperationException($"No clock id at [{TradingClock.ClockIdPath}]: build the config with TradingClock.Config(clock).")
            : Clocks.TryGetValue(id, out var clock)
                ? clock
                : throw new InvalidOperationException($"No clock registered under [{id}] ({TradingClock.ClockIdPath}).");

    public static TimeProvider? Find(string? id) => id is not null && Clocks.TryGetValue(id, out var clock) ? clock : null;
}
