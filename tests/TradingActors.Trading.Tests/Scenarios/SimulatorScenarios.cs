namespace TradingActors.Trading.Tests.Scenarios;

/// <summary>
/// The classes that run the actors against a simulator take turns: each starts Kestrel, WebSockets and a journal,
/// and their timing-sensitive faults (a request held in flight while the price moves) mean nothing on a machine
/// whose two cores are taken by another scenario.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SimulatorScenarios
{
    public const string Name = "simulator scenarios";
}
