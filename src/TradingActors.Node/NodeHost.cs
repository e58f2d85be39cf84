using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using Akka.Actor;
using TradingActors.Node.Config;
using TradingActors.Node.Management;
using TradingActors.Trading.Serialization;
using TradingActors.Trading.Time;

namespace TradingActors.Node;

/// <summary>
/// Runs the node: configuration, logging, the trading actors, the management API and the status table, then
/// waits for Ctrl+C, SIGTERM or --duration. Exit codes: 0 after a clean stop, 2 for a configuration error,
/// 1 for anything else.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitConfigurationError = 2;

    private readonly WebApplication _app;
    private readonly Serilog.Core.Logger _serilog;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopStatus = new();
    private readonly Task _status;
    private bool _stopped;

    private NodeHost(TradingNode node, WebApplication app, Serilog.Core.Logger serilog, ILogger logger, ManagementToken token, Uri management, TextWriter output)
    {
        Node = node;
        _app = app;
        _serilog = serilog;
        _logger = logger;
        Token = token;
        ManagementAddress = management;
        _status = StatusTable.RunAsync(node, output, node.Settings.StatusInterval, _stopStatus.Token);
    }

    public TradingNode Node { get; }

    public ManagementToken Token { get; }

    public Uri ManagementAddress { get; }

    /// <summary>Cancelled when the web host was asked to stop (Ctrl+C, SIGTERM).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The whole life of the process; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // Ctrl+C and SIGTERM are ours from the first moment, start-up included: the runtime's default would end the
        // process in the middle of starting (and its exit hooks can wait on a start that never finishes).
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stop, interrupted.Token);
        NodeHost host;
        try
        {
            var commandLine = CommandLineOptions.Parse(args);
            if (commandLine.Help)
            {
                await output.WriteLineAsync(CommandLineOptions.Usage);
                return ExitOk;
            }

            if (commandLine.IsBacktest)
            {
                return await Backtest.BacktestCommand.RunAsync(commandLine, output, error, stopping.Token);
            }

            host = await StartAsync(commandLine, output, useConsoleLifetime: true, stopping.Token);
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is not NodeConfigurationException)
        {
            // Whatever the start was doing when it was cancelled (joining the cluster, recovering) failed because of it.
            await output.WriteLineAsync("Stop requested during start-up: stopped.");
            return ExitOk;
        }
        catch (NodeConfigurationException e)
        {
            await error.WriteLineAsync($"Configuration error: {e.Message}");
            return ExitConfigurationError;
        }
        catch (Exception e)
        {
            // Whatever stopped the start (a port in use, an unreadable journal): one line, no stack trace.
            await error.WriteLineAsync($"The node could not start: {e.Message}");
            return ExitFailure;
        }

        await using (host)
        {
            var duration = host.Node.Settings.Duration;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, host.Stopping);
            var elapsed = Task.Delay(duration ?? Timeout.InfiniteTimeSpan, TradingClock.Get(host.Node.System).TimeProvider, linked.Token);
            var first = await Task.WhenAny(elapsed, host.Node.System.WhenTerminated);
            if (first != elapsed)
            {
                // The cluster downed this node (or it downed itself): its entities already run elsewhere.
                await error.WriteLineAsync("The actor system stopped: this node was removed from the cluster. Start it again to rejoin.");
                return ExitFailure;
            }

            try
            {
                await elapsed;
                await output.WriteLineAsync($"Duration {duration} over: stopping.");
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stop requested: stopping strategies, flushing the journal.");
            }
        }

        return ExitOk;

        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }
    }

    /// <summary>Starts a node and its management API (tests start several in one process).</summary>
    public static async Task<NodeHost> StartAsync(CommandLineOptions commandLine, TextWriter output, bool useConsoleLifetime = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(output);
        var configuration = NodeConfiguration.Build(commandLine);
        var settings = NodeConfiguration.ReadNode(configuration);
        if (settings.Mode == NodeMode.Live && !settings.LiveConfirmed)
        {
            throw new NodeConfigurationException(
                "trading-actors.node.live", "live mode trades real money on Binance: start it with the --live flag to confirm.");
        }

        var token = ManagementToken.Resolve(settings);
        var serilog = NodeLogging.Create(settings);

        // Akka.Logger.Serilog writes the actors' logs to Serilog's static logger.
        Serilog.Log.Logger = serilog;
        var loggerFactory = new SerilogLoggerFactory(serilog);
        var logger = loggerFactory.CreateLogger<NodeHost>();
        TradingNode node;
        try
        {
            node = await TradingNode.StartAsync(settings, configuration, loggerFactory, ct);
        }
        catch
        {
            await serilog.DisposeAsync();
            throw;
        }

        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new SerilogLoggerProvider(serilog));
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                if (IPAddress.TryParse(settings.ManagementHost, out var ip))
                {
                    kestrel.Listen(ip, settings.ManagementPort);
                }
                else if (settings.ManagementHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                {
                    kestrel.ListenLocalhost(settings.ManagementPort);
                }
                else
                {
                    kestrel.ListenAnyIP(settings.ManagementPort);
                }
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            builder.Services.ConfigureHttpJsonOptions(o =>
            {
                foreach (var converter in TradingJson.Options.Converters)
                {
                    o.SerializerOptions.Converters.Add(converter);
                }
            });
            if (!useConsoleLifetime)
            {
                builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
            }

            var app = builder.Build();
            app.Use(async (http, next) =>
            {
                try
                {
                    await next(http);
                }
                catch (AskTimeoutException) when (!http.Response.HasStarted)
                {
                    http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await http.Response.WriteAsJsonAsync(new ManagementDtos.ErrorBody("the actors did not answer in time; try again"));
                }
            });
            // The dashboard (wwwroot, copied beside the executable): index.html at "/", its modules and styles.
            app.UseFileServer();
            ManagementApi.Map(app, node, token);
            await app.StartAsync(ct);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await output.WriteLineAsync($"Management API on {address} (mutating routes need the bearer token{(token.File is null ? " configured in trading-actors.node.management.token" : $" written to {token.File}")})");
            logger.LogInformation("Management API listening on {Address}", address);
            return new NodeHost(node, app, serilog, logger, token, address, output);
        }
        catch
        {
            await node.StopAsync();
            await serilog.DisposeAsync();
            throw;
        }
    }

    /// <summary>Strategies first, then the management API, then the actors and the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopStatus.CancelAsync();
        await _status;
        await Node.Strategies.StopAsync(Node.Settings.ShutdownTimeout, _logger);
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Node.StopAsync();
        await _serilog.DisposeAsync();
        _stopStatus.Dispose();
    }

    /// <summary>In-process nodes (tests) must not take over Ctrl+C of the test runner.</summary>
    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
