using Microsoft.Extensions.Configuration;
using TradingActors.Exchange;
using TradingActors.Hocon;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;

namespace TradingActors.Node.Config;

/// <summary>
/// Builds the node's configuration (hocon/reference.conf, hocon/&lt;mode&gt;.conf, --config files, TA_ environment
/// variables, the command line; later wins) and reads the option records of the modules from it.
/// </summary>
public static class NodeConfiguration
{
    public const string EnvironmentPrefix = "TA_";

    public static IConfigurationRoot Build(CommandLineOptions commandLine, string? hoconDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var directory = hoconDirectory ?? LocateHoconDirectory();
        var reference = Path.Combine(directory, "reference.conf");

        // The mode picks the second file, so it is read first from everything but that file.
        var preliminary = Layered(reference, null, commandLine);
        var mode = new ConfigValues(preliminary, "trading-actors.node").Enum<NodeMode>("mode") ?? NodeMode.Paper;
        return Layered(reference, Path.Combine(directory, mode.ToString().ToLowerInvariant() + ".conf"), commandLine);
    }

    /// <summary>Next to the executable (copied there by the build), else the repository's hocon/ above the current directory.</summary>
    public static string LocateHoconDirectory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "hocon");
        if (File.Exists(Path.Combine(beside, "reference.conf")))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon");
            if (File.Exists(Path.Combine(candidate, "reference.conf")))
            {
                return candidate;
            }
        }

        throw new NodeConfigurationException("hocon/reference.conf", $"not found beside the executable ({beside}) nor in a parent of the current directory.");
    }

    public static NodeSettings ReadNode(IConfiguration configuration)
    {
        var c = new ConfigValues(configuration, "trading-actors.node");
        var d = new NodeSettings();
        var symbols = c.List("symbols")?.Select(s => Parse(c.Key("symbols"), s, v => new Symbol(v))).ToList();
        var markets = c.List("markets")?.Select(m => Enum.TryParse<Market>(m, ignoreCase: true, out var market) && Enum.IsDefined(market)
            ? market
            : throw new NodeConfigurationException(c.Key("markets"), $"'{m}' is not spot or futures.")).Distinct().ToList();
        var duration = c.Duration("duration");
        var settings = d with
        {
            Mode = c.Enum<NodeMode>("mode") ?? d.Mode,
            DataDirectory = c.String("data-dir") ?? d.DataDirectory,
            Symbols = symbols is { Count: > 0 } ? symbols : d.Symbols,
            Markets = markets is { Count: > 0 } ? markets : d.Markets,
            Speed = c.Decimal("speed", 1m) ?? d.Speed,
            Duration = duration is { } span && span > TimeSpan.Zero ? span : null,
            StatusInterval = c.Duration("status-interval") ?? d.StatusInterval,
            ShutdownTimeout = c.Duration("shutdown-timeout") ?? d.ShutdownTimeout,
            LiveConfirmed = c.Bool("live") ?? d.LiveConfirmed,
            ManagementHost = c.String("management.host") ?? d.ManagementHost,
            ManagementPort = c.Int("management.port", 0, 65535) ?? d.ManagementPort,
            ManagementToken = c.String("management.token"),
            ConsoleLogLevel = c.String("logging.console-level") ?? d.ConsoleLogLevel,
            FileLogLevel = c.String("logging.file-level") ?? d.FileLogLevel,
            LogFile = c.String("logging.file") ?? d.LogFile,
            SimulatorUrl = c.String("simulator-url") is { Length: > 0 } url
                ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
                : throw new NodeConfigurationException(c.Key("simulator-url"), $"'{url}' is not an http(s) address.")
                : null,
        };
        if (settings.ManagementToken is { Length: < 16 })
        {
            throw new NodeConfigurationException(c.Key("management.token"), "must be at least 16 characters.");
        }

        if (settings.Speed != 1m && (settings.Mode != NodeMode.Paper || settings.SimulatorUrl is not null))
        {
            throw new NodeConfigurationException(c.Key("speed"), "only paper mode with its own simulator can run faster than real time.");
        }

        return settings;
    }

    public static RouterSettings ReadRouter(IConfiguration configuration) =>
        ReadModule("trading-actors.router", () => RouterSettings.Read(configuration));

    public static ReconcilerSettings ReadReconciler(IConfiguration configuration) =>
        ReadModule("trading-actors.reconciler", () => ReconcilerSettings.Read(configuration));

    public static PositionSettings ReadPositions(IConfiguration configuration) =>
        ReadModule("trading-actors.positions", () => PositionSettings.Read(configuration));

    /// <summary>Runs a module's own reader, turning its format errors into configuration errors.</summary>
    public static T ReadModule<T>(string key, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // Module readers name the full key first ("trading-actors.x.y: problem"): keep theirs when they do.
            var colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            var named = e.Message.StartsWith("trading-actors.", StringComparison.Ordinal) && colon > 0;
            throw new NodeConfigurationException(named ? e.Message[..colon] : key, named ? e.Message[(colon + 2)..] : e.Message, e);
        }
    }

    private static IConfigurationRoot Layered(string reference, string? modeFile, CommandLineOptions commandLine)
    {
        var builder = new ConfigurationBuilder();
        try
        {
            builder.AddHoconFile(reference);
            if (modeFile is not null)
            {
                builder.AddHoconFile(modeFile, optional: true);
            }

            foreach (var file in commandLine.ConfigFiles)
            {
                if (!File.Exists(file))
                {
                    throw new NodeConfigurationException("--config", $"file '{file}' does not exist.");
                }

                builder.AddHoconFile(Path.GetFullPath(file));
            }

            builder.AddEnvironmentVariables(EnvironmentPrefix);
            builder.AddInMemoryCollection(commandLine.Overrides);
            return builder.Build();
        }
        catch (HoconParseException e)
        {
            throw new NodeConfigurationException(e.SourceName, $"line {e.Line}, column {e.Column}: {e.Reason}", e);
        }
        catch (InvalidDataException e)
        {
            throw new NodeConfigurationException(reference, e.Message, e);
        }
    }

    private static T Parse<T>(string key, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException(key, e.Message, e);
        }
    }
}
