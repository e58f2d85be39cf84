using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace TradingActors.Node;

/// <summary>
/// Serilog: a readable console and a JSON file (one event per line) in the data directory. Credentials never
/// reach a log: the node logs only where they come from, and the connector redacts its requests.
/// </summary>
public static class NodeLogging
{
    public static Serilog.Core.Logger Create(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var console = Level("trading-actors.node.logging.console-level", settings.ConsoleLogLevel);
        var file = Level("trading-actors.node.logging.file-level", settings.FileLogLevel);
        Directory.CreateDirectory(settings.DataDirectory);
        return new LoggerConfiguration()
            .MinimumLevel.Is(console < file ? console : file)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                restrictedToMinimumLevel: console,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(settings.DataDirectory, settings.LogFile), restrictedToMinimumLevel: file)
            .CreateLogger();
    }

    private static LogEventLevel Level(string key, string text) =>
        Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new NodeConfigurationException(key, $"'{text}' is not one of verbose, debug, information, warning, error, fatal.");
}
