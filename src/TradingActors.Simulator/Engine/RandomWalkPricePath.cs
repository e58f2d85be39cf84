namespace TradingActors.Simulator.Engine;

/// <summary>
/// A seeded geometric random walk with drift and occasional jumps; the same seed gives the same path, so tests replay.
/// </summary>
public sealed class RandomWalkPricePath : IPricePath
{
    private readonly Dictionary<string, Random> _randoms = new(StringComparer.Ordinal);
    private readonly long _seed;

    public RandomWalkPricePath(long seed, double driftPerStep = 0, double volatilityPerStep = 0.0002, double jumpProbability = 0.001, double jumpSize = 0.01)
    {
        _seed = seed;
        DriftPerStep = driftPerStep;
        VolatilityPerStep = volatilityPerStep;
        JumpProbability = jumpProbability;
        JumpSize = jumpSize;
    }

    public double DriftPerStep { get; }

    public double VolatilityPerStep { get; }

    public double JumpProbability { get; }

    public double JumpSize { get; }

    public decimal? Next(string symbol, decimal current, long stepIndex)
    {
        if (!_randoms.TryGetValue(symbol, out var random))
        {
            // A per-symbol stream keeps each symbol's path independent of how many symbols are configured.
            random = new Random(unchecked((int)(_seed * 397) ^ StableHash(symbol)));
            _randoms[symbol] = random;
        }

        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        var change = DriftPerStep + (VolatilityPerStep * normal);
        if (random.NextDouble() < JumpProbability)
        {
            change += random.NextDouble() < 0.5 ? -JumpSize : JumpSize;
        }

        var next = current * (decimal)Math.Exp(change);
        return next <= 0 ? current : next;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
