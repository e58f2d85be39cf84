using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Simulator.Ledger;
using TradingActors.Simulator.Streams;

namespace TradingActors.Simulator.Http;

/// <summary>What the request handlers share: options, engine, clock, faults, ledger, listen keys and rate counters.</summary>
internal sealed class SimulatorContext(SimulatorOptions options, ExchangeEngine engine, TimeProvider clock, VirtualTimeProvider? virtualClock)
{
    public SimulatorOptions Options { get; } = options;

    public ExchangeEngine Engine { get; } = engine;

    public TimeProvider Clock { get; } = clock;

    public VirtualTimeProvider? VirtualClock { get; } = virtualClock;

    public FaultRegistry Faults { get; } = new(engine);

    public OrderLedger Ledger { get; } = new();

    public ListenKeyRegistry ListenKeys { get; } = new(clock);

    public RateCounters Rates { get; } = new(clock);

    /// <summary>Cancelled when the server stops: ends hanging requests and open WebSockets so shutdown is quick.</summary>
    public CancellationToken Stopping { get; init; }

    public long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
