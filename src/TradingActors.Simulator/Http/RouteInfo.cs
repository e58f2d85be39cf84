namespace TradingActors.Simulator.Http;

/// <summary>A REST route the simulator serves: method, path and how it authenticates (NONE, API_KEY, SIGNED, CONTROL).</summary>
public sealed record RouteInfo(string Method, string Path, string Security);
