using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingActors.Simulator.Engine;
using TradingActors.Simulator.Faults;
using TradingActors.Simulator.Http;
using TradingActors.Simulator.Ledger;
using TradingActors.Simulator.Streams;

namespace TradingActors.Simulator;

/// <summary>
/// A Binance-compatible exchange on a loopback port: spot REST under /api/v3, futures REST under /fapi, market and
/// user-data streams under /ws, /stream and /fstream, the spot WebSocket API at /ws-api/v3, and the control API under /sim.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorContext _context;
    private readonly StreamHub _hub;
    private readonly RouteTable _routes;
    private readonly CancellationTokenSource _stop;
    private Task _dispatch = Task.CompletedTask;
    private Task _ticker = Task.CompletedTask;

    private SimulatorServer(WebApplication app, SimulatorContext context, StreamHub hub, RouteTable routes, CancellationTokenSource stop)
    {
        _stop = stop;
        _app = app;
        _context = context;
        _hub = hub;
        _routes = routes;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public Uri SpotStreamBase { get; private set; } = null!;

    public Uri SpotWebSocketApi { get; private set; } = null!;

    public Uri FuturesStreamBase { get; private set; } = null!;

    public ExchangeEngine Engine => _context.Engine;

    public SimulatorOptions Options => _context.Options;

    /// <summary>Every order request received (the same data as GET /sim/ledger).</summary>
    public OrderLedger Ledger => _context.Ledger;

    /// <summary>The virtual clock, when the simulator runs on virtual time.</summary>
    public VirtualTimeProvider? VirtualClock => _context.VirtualClock;

    /// <summary>Every REST route served, for tooling and tests.</summary>
    public IReadOnlyList<RouteInfo> Routes => _routes.Routes.Select(r => new RouteInfo(r.Method, r.Path, r.Security switch
    {
        Security.None => "NONE",
        Security.ApiKey => "API_KEY",
        Security.Signed => "SIGNED",
        _ => "CONTROL",
    })).ToList();

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken ct = default) =>
        await StartAsync(options, null, ct);

    /// <summary>Starts the simulator; <paramref name="logging"/> configures logging (none by default: tests start many).</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, Action<ILoggingBuilder>? logging, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.ApiKey) || string.IsNullOrEmpty(options.ApiSecret))
        {
            throw new ArgumentException("ApiKey and ApiSecret must be set.", nameof(options));
        }

        var virtualClock = options.TimeProvider is null && options.VirtualTime ? new VirtualTimeProvider(DateTimeOffset.UtcNow) : options.TimeProvider as VirtualTimeProvider;
        var clock = options.TimeProvider ?? (TimeProvider?)virtualClock ?? TimeProvider.System;
        StreamHub? hub = null;
        var engineOptions = options.Engine with { Symbols = options.Symbols, Seed = options.Seed };
        var engine = new ExchangeEngine(engineOptions, clock, e => hub!.Publish(e));
        var stop = new CancellationTokenSource();
        var context = new SimulatorContext(options, engine, clock, virtualClock) { Stopping = stop.Token };
        hub = new StreamHub(context);
        context.Faults.UserStreamDisconnectRequested += rule => hub.DisconnectUserStreams(rule.Market);

        var routes = new RouteTable();
        SpotApi.Register(routes, context);
        FuturesApi.Register(routes, context);
        SpotMarketApi.Register(routes, context);
        FuturesAccountApi.Register(routes, context);
        ControlApi.Register(routes, context, hub.ExpireListenKeys);
        routes.Freeze();
        var pipeline = new RestPipeline(context, routes);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Host, options.Port));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(http => StreamHub.IsStreamPath(http.Request.Path.Value ?? "/") ? hub.AcceptAsync(http) : pipeline.HandleAsync(http));
        var server = new SimulatorServer(app, context, hub, routes, stop);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        server.SpotStreamBase = new Uri($"ws://127.0.0.1:{port}");
        server.SpotWebSocketApi = new Uri($"ws://127.0.0.1:{port}/ws-api/v3");
        server.FuturesStreamBase = new Uri($"ws://127.0.0.1:{port}/fstream");
        server._dispatch = Task.Run(() => hub.RunDispatchAsync(server._stop.Token), CancellationToken.None);
        if (virtualClock is null)
        {
            server._ticker = Task.Run(() => server.TickAsync(server._stop.Token), CancellationToken.None);
        }

        return server;
    }

    /// <summary>A running clock (real, or an injected one that runs faster): step the price path and expire overdue listen keys as the clock moves.</summary>
    private async Task TickAsync(CancellationToken ct)
    {
        var period = _context.Engine.Options.PriceStep;
        using var timer = new PeriodicTimer(period < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : period, _context.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                _context.Engine.Tick();
                _hub.ExpireListenKeys(null, onlyOverdue: true);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Adds a fault directly (same as POST /sim/faults).</summary>
    public FaultRule AddFault(FaultRule rule) => _context.Faults.Add(rule);

    public void ClearFaults() => _context.Faults.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _hub.Complete();
        await _app.StopAsync(CancellationToken.None);
        await _dispatch;
        await _ticker;
        await _app.DisposeAsync();
        _stop.Dispose();
    }
}
