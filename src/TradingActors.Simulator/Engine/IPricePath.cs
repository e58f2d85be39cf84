namespace TradingActors.Simulator.Engine;

/// <summary>Produces the next price of a symbol for one step of the simulated clock.</summary>
public interface IPricePath
{
    /// <summary>The price after one step from <paramref name="current"/>; null leaves it unchanged.</summary>
    decimal? Next(string symbol, decimal current, long stepIndex);
}
