using System.Globalization;
using System.Runtime.InteropServices;

namespace TradingActors.Simulator;

/// <summary>Standalone host: <c>dotnet run --project src/TradingActors.Simulator -- --port N [--host IP] [--virtual-time] [--seed S]</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SimulatorOptions { Port = 8090 };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var port):
                    options = options with { Port = port };
                    i++;
                    break;
                case "--host" when i + 1 < args.Length && System.Net.IPAddress.TryParse(args[i + 1], out var host):
                    options = options with { Host = host };
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    i++;
                    break;
                case "--symbols" when i + 1 < args.Length:
                    options = options with { Symbols = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                case "--virtual-time":
                    options = options with { VirtualTime = true };
                    break;
                case "--no-timestamp-check":
                    options = options with { CheckTimestamps = false };
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'. Usage: --port N [--host IP] [--virtual-time] [--seed S] [--symbols A,B] [--no-timestamp-check]");
                    return 2;
            }
        }

        options = options with
        {
            ApiKey = Environment.GetEnvironmentVariable("SIMULATOR_API_KEY") ?? options.ApiKey,
            ApiSecret = Environment.GetEnvironmentVariable("SIMULATOR_API_SECRET") ?? options.ApiSecret,
        };
        await using var server = await SimulatorServer.StartAsync(options);
        Console.WriteLine($"Binance simulator listening ({(options.VirtualTime ? "virtual" : "real")} time, seed {options.Seed}, symbols {string.Join(",", options.Symbols)})");
        Console.WriteLine($"  REST (spot /api/v3, futures /fapi, control /sim): {server.BaseAddress}");
        Console.WriteLine($"  spot streams:    {server.SpotStreamBase}");
        Console.WriteLine($"  spot WS API:     {server.SpotWebSocketApi}");
        Console.WriteLine($"  futures streams: {server.FuturesStreamBase}");
        Console.WriteLine($"  API key: {options.ApiKey}");
        Console.WriteLine("  API secret: configured");
        using var done = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            done.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Stop like on Ctrl+C (closing sockets cleanly) instead of waiting for a host that is not running.
            context.Cancel = true;
            done.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, done.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }

        return 0;
    }
}
