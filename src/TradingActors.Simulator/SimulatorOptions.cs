using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator;

/// <summary>How a simulator instance is hosted and what its exchange looks like (see hocon/simulator.conf).</summary>
public sealed record SimulatorOptions
{
    /// <summary>Port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Address to listen on: loopback unless the simulator must serve other machines (containers).</summary>
    public System.Net.IPAddress Host { get; init; } = System.Net.IPAddress.Loopback;

    public string ApiKey { get; init; } = "simulator-api-key";

    public string ApiSecret { get; init; } = "simulator-api-secret";

    /// <summary>Symbols served on both spot and futures.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTCUSDT", "ETHUSDT"];

    public long Seed { get; init; } = 42;

    /// <summary>True: time moves only through <c>POST /sim/time/advance</c>.</summary>
    public bool VirtualTime { get; init; }

    /// <summary>An injected clock (tests); wins over <see cref="VirtualTime"/>'s own clock when given.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Prices, balances, fees and depth; its Symbols and Seed are replaced by the ones above.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>Enforce timestamp/recvWindow (-1021). Clients that read Date.now() need it off under virtual time.</summary>
    public bool CheckTimestamps { get; init; } = true;

    /// <summary>Interval of the server's WebSocket pings (Binance: 20 s spot, 3 min futures).</summary>
    public TimeSpan WebSocketPingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Interval of the server's pings on futures streams (Binance: 3 min).</summary>
    public TimeSpan FuturesWebSocketPingInterval { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>A futures stream peer that does not pong for this long is dropped (Binance: 10 min).</summary>
    public TimeSpan FuturesWebSocketPongTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Connections are closed once open this long on the simulator's clock (Binance: 24 h).</summary>
    public TimeSpan WebSocketMaxLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often market streams publish mark price (markPrice stream; Binance: 3 s, or 1 s with @1s).</summary>
    public TimeSpan MarkPriceInterval { get; init; } = TimeSpan.FromSeconds(1);
}
