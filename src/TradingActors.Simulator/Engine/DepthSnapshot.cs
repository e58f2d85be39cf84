namespace TradingActors.Simulator.Engine;

/// <summary>The book as REST depth reports it; <see cref="LastUpdateId"/> is the sequence the diff-depth streams count in.</summary>
public sealed record DepthSnapshot(long LastUpdateId, IReadOnlyList<(decimal Price, decimal Qty)> Bids, IReadOnlyList<(decimal Price, decimal Qty)> Asks, long Time);
