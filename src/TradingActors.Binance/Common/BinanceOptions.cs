namespace TradingActors.Binance.Common;

/// <summary>
/// Connector settings (reference config: <c>hocon/binance.conf</c>, block <c>trading-actors.binance</c>).
/// Credentials are not part of it: they come from environment variables or a secrets file.
/// </summary>
public sealed record BinanceOptions
{
    public BinanceEnvironment Environment { get; init; } = BinanceEnvironment.Simulator;

    /// <summary>Overrides the environment's URLs (the simulator's address in paper mode and tests).</summary>
    public BinanceEndpoints? Endpoints { get; init; }

    public string ApiKeyVariable { get; init; } = "BINANCE_API_KEY";

    public string ApiSecretVariable { get; init; } = "BINANCE_API_SECRET";

    /// <summary>A secrets file (<c>api-key=...</c>, <c>api-secret=...</c>); used instead of the variables when set.</summary>
    public string? SecretsFile { get; init; }

    /// <summary>How long a signed request stays valid after its timestamp.</summary>
    public TimeSpan RecvWindow { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>A request without an answer after this long has an unknown outcome.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a stream subscription may take to be confirmed before it fails.</summary>
    public TimeSpan SubscribeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the server-time offset is measured again.</summary>
    public TimeSpan TimeSyncInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Queries by client id made to settle an unknown outcome before reporting it unknown.</summary>
    public int UnknownResolutionAttempts { get; init; } = 5;

    /// <summary>Delay before the first such query; doubled for each further one.</summary>
    public TimeSpan UnknownResolutionInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan UnknownResolutionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of a rate limit the client may use before it waits for the window to roll over.</summary>
    public decimal RateLimitUtilization { get; init; } = 0.8m;

    /// <summary>Most a 429 may make a request wait before it gives up (it is then rejected as not sent).</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Binance closes connections after 24 h; reconnect on our own terms before that.</summary>
    public TimeSpan MaxConnectionLifetime { get; init; } = TimeSpan.FromHours(23);

    /// <summary>Client-initiated WebSocket ping, to detect dead connections.</summary>
    public TimeSpan WebSocketKeepAlive { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a futures listen key is extended (it expires 60 minutes after the last keepalive).</summary>
    public TimeSpan ListenKeyKeepAlive { get; init; } = TimeSpan.FromMinutes(30);

    public BinanceEndpoints ResolveEndpoints() => Endpoints ?? BinanceEndpoints.For(Environment);

    /// <summary>Loads the credentials from the secrets file if configured, else from the environment variables.</summary>
    public BinanceCredentials LoadCredentials() =>
        SecretsFile is { Length: > 0 } file
            ? BinanceCredentials.FromFile(file)
            : BinanceCredentials.FromEnvironment(ApiKeyVariable, ApiSecretVariable);
}
