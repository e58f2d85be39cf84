using TradingActors.Exchange;

namespace TradingActors.Node;

/// <summary>The node's own options (HOCON block <c>trading-actors.node</c>, see hocon/node.conf).</summary>
public sealed record NodeSettings
{
    public NodeMode Mode { get; init; } = NodeMode.Paper;

    public string DataDirectory { get; init; } = "data";

    public IReadOnlyList<Symbol> Symbols { get; init; } = [new("BTCUSDT"), new("ETHUSDT")];

    public IReadOnlyList<Market> Markets { get; init; } = [Market.Spot, Market.Futures];

    /// <summary>Paper mode: how many times faster than real time the node's and the simulator's clock runs.</summary>
    public decimal Speed { get; init; } = 1m;

    /// <summary>Paper mode: a standalone simulator to trade against instead of an in-process one.</summary>
    public Uri? SimulatorUrl { get; init; }

    /// <summary>Stop after this long (of the node's clock, so of virtual time in a sped-up paper run); null runs until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Zero turns the console status table off.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The explicit confirmation live mode needs.</summary>
    public bool LiveConfirmed { get; init; }

    public string ManagementHost { get; init; } = "127.0.0.1";

    public int ManagementPort { get; init; } = 8558;

    /// <summary>Bearer token of the mutating routes; null means one is generated at start.</summary>
    public string? ManagementToken { get; init; }

    public string ConsoleLogLevel { get; init; } = "information";

    public string FileLogLevel { get; init; } = "information";

    public string LogFile { get; init; } = "node.log.json";

    /// <summary>Redacts the token: records print themselves in logs and exception messages.</summary>
    public override string ToString() =>
        $"NodeSettings {{ Mode = {Mode}, DataDirectory = {DataDirectory}, Management = {ManagementHost}:{ManagementPort}, Token = {(ManagementToken is null ? "generated" : "configured")} }}";
}
