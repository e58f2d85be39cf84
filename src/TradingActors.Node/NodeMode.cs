namespace TradingActors.Node;

/// <summary>What the node trades against.</summary>
public enum NodeMode
{
    /// <summary>An in-process Binance simulator on loopback (the default).</summary>
    Paper,

    /// <summary>Binance's testnets.</summary>
    Testnet,

    /// <summary>Binance production: real money.</summary>
    Live,

    /// <summary>One of two or more nodes sharing PostgreSQL and one exchange (the standalone simulator by default).</summary>
    Cluster,

    /// <summary>Recorded klines in virtual time against the simulator's engine in process, then a report.</summary>
    Backtest,
}
