using System.Collections;
using System.Text;
using TradingActors.Exchange;
using TradingActors.Trading.Orders;
using TradingActors.Trading.Positions;
using TradingActors.Trading.Reconciliation;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Config;

/// <summary>
/// Builds the node's configuration with Akka's HOCON (hocon/reference.conf and the module files it includes,
/// hocon/&lt;mode&gt;.conf, --config files, TA_ environment variables, the command line; later wins) and reads the option
/// records of the modules from it. Every reader takes the root <see cref="AkkaConfig"/> and reads its own block.
/// </summary>
public static class NodeConfiguration
{
    public const string EnvironmentPrefix = "TA_";

    /// <summary>
    /// The node's root configuration: every layer parsed by Akka (substitutions resolved within each file), the layers
    /// chained by <see cref="AkkaConfig.WithFallback"/>. A file that cannot be read or parsed is a
    /// <see cref="NodeConfigurationException"/> naming it (and the line and column where they are known).
    /// </summary>
    public static AkkaConfig Build(CommandLineOptions commandLine, string? hoconDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var directory = hoconDirectory ?? LocateHoconDirectory();
        var reference = HoconFile.Load(Path.Combine(directory, "reference.conf"));
        var files = commandLine.ConfigFiles.Select(ConfigFile).ToList();
        var environment = EnvironmentLayer(Environment.GetEnvironmentVariables());
        var overrides = OverridesLayer(commandLine.Overrides);

        // The mode picks the second file, so it is read first from everything but that file.
        var preliminary = Layered(reference, null, files, environment, overrides);
        var mode = new ConfigValues(preliminary, "trading-actors.node").Enum<NodeMode>("mode") ?? NodeMode.Paper;
        var modeFile = Path.Combine(directory, mode.ToString().ToLowerInvariant() + ".conf");
        return Layered(reference, File.Exists(modeFile) ? HoconFile.Load(modeFile) : null, files, environment, overrides);
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

    public static NodeSettings ReadNode(AkkaConfig configuration)
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

    public static RouterSettings ReadRouter(AkkaConfig configuration) =>
        ReadModule("trading-actors.router", () => RouterSettings.Read(configuration));

    public static ReconcilerSettings ReadReconciler(AkkaConfig configuration) =>
        ReadModule("trading-actors.reconciler", () => ReconcilerSettings.Read(configuration));

    public static PositionSettings ReadPositions(AkkaConfig configuration) =>
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

    /// <summary>
    /// The TA_ environment variables as a HOCON layer: <c>TA_trading-actors__node__management__port=9000</c> sets
    /// <c>trading-actors.node.management.port</c> (<c>__</c> separates the segments of the key).
    /// </summary>
    internal static AkkaConfig EnvironmentLayer(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in variables)
        {
            if (variable.Key is string name && name.Length > EnvironmentPrefix.Length && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                settings[name[EnvironmentPrefix.Length..].Replace("__", ".", StringComparison.Ordinal)] = variable.Value as string;
            }
        }

        return Layer(settings, "environment variables (" + EnvironmentPrefix + "...)");
    }

    /// <summary>
    /// The command line's settings as a HOCON layer. Values are text (quoted, so ':', '#' and spaces stay as written);
    /// a list key takes "a,b" (see <see cref="Trading.ConfigValues.List"/>) or a HOCON list "[a, b]".
    /// </summary>
    internal static AkkaConfig OverridesLayer(IReadOnlyDictionary<string, string?> overrides) => Layer(overrides, "the command line (--set)");

    private static AkkaConfig Layer(IEnumerable<KeyValuePair<string, string?>> settings, string source)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in settings)
        {
            var segments = key.Split('.', ':');
            if (value is null || segments.Any(s => s.Trim().Length == 0))
            {
                continue;
            }

            var trimmed = value.Trim();
            var isList = trimmed.StartsWith('[') && trimmed.EndsWith(']');
            text.Append(string.Join('.', segments.Select(s => HoconFile.Quote(s.Trim()))))
                .Append(" = ")
                .Append(isList ? trimmed : HoconFile.Quote(value))
                .Append('\n');
        }

        return text.Length == 0 ? AkkaConfig.Empty : HoconFile.Parse(text.ToString(), source);
    }

    private static AkkaConfig ConfigFile(string file)
    {
        if (!File.Exists(file))
        {
            throw new NodeConfigurationException("--config", $"file '{file}' does not exist.");
        }

        return HoconFile.Load(file);
    }

    private static AkkaConfig Layered(AkkaConfig reference, AkkaConfig? modeFile, IReadOnlyList<AkkaConfig> files, AkkaConfig environment, AkkaConfig overrides)
    {
        // Highest first: each layer falls back to the ones below it.
        IEnumerable<AkkaConfig?> layers = [overrides, environment, .. files.Reverse(), modeFile, reference];
        return layers.OfType<AkkaConfig>().Where(layer => !layer.IsEmpty).Aggregate((layered, below) => layered.WithFallback(below));
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
