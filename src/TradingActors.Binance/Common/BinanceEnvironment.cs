namespace TradingActors.Binance.Common;

/// <summary>Named sets of base URLs.</summary>
public enum BinanceEnvironment
{
    /// <summary>The local Binance-compatible simulator (paper mode and tests).</summary>
    Simulator,
    Testnet,
    Production,
}
