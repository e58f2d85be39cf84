namespace TradingActors.Binance.Common;

/// <summary>
/// Base URLs of one environment. Futures streams are the base before the <c>/public</c>,
/// <c>/market</c> and <c>/private</c> route prefixes.
/// </summary>
public sealed record BinanceEndpoints(
    Uri SpotRest,
    Uri SpotStreams,
    Uri SpotWebSocketApi,
    Uri FuturesRest,
    Uri FuturesStreams)
{
    public static BinanceEndpoints Production { get; } = new(
        new Uri("https://api.binance.com"),
        new Uri("wss://stream.binance.com:9443"),
        new Uri("wss://ws-api.binance.com:443/ws-api/v3"),
        new Uri("https://fapi.binance.com"),
        new Uri("wss://fstream.binance.com"));

    public static BinanceEndpoints Testnet { get; } = new(
        new Uri("https://testnet.binance.vision"),
        new Uri("wss://stream.testnet.binance.vision"),
        new Uri("wss://ws-api.testnet.binance.vision/ws-api/v3"),
        new Uri("https://testnet.binancefuture.com"),
        new Uri("wss://fstream.binancefuture.com"));

    /// <summary>The simulator's layout: one host and port for everything, futures streams under <c>/fstream</c>.</summary>
    public static BinanceEndpoints ForSimulator(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var http = new UriBuilder(baseAddress) { Path = "/" }.Uri;
        var ws = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        return new BinanceEndpoints(
            http,
            ws,
            new Uri(ws, "/ws-api/v3"),
            http,
            new Uri(ws, "/fstream"));
    }

    /// <summary>The simulator on its default local port, used when no address is configured.</summary>
    public static BinanceEndpoints LocalSimulator { get; } = ForSimulator(new Uri("http://127.0.0.1:8090/"));

    public static BinanceEndpoints For(BinanceEnvironment environment) => environment switch
    {
        BinanceEnvironment.Production => Production,
        BinanceEnvironment.Testnet => Testnet,
        _ => LocalSimulator,
    };
}
