namespace TradingActors.CrashHarness.Tests;

/// <summary>The runs that start nodes, simulators and databases as processes take turns: two cores cannot host them all at once.</summary>
[CollectionDefinition(Name)]
public sealed class ChildProcesses
{
    public const string Name = "child processes";
}
