namespace TradingActors.Node.Config;

/// <summary>
/// The node's command line, turned into HOCON keys (<see cref="Overrides"/>, dot-separated) that override every file
/// and environment variable. Unknown options are errors: a typo must not start a node with defaults.
/// </summary>
public sealed record CommandLineOptions
{
    public const string Usage = """
        Usage: TradingActors.Node [options]
          --mode paper|testnet|live|cluster|backtest
                                      what to trade against (default paper: an in-process simulator;
                                      cluster: one of several nodes on PostgreSQL, see hocon/cluster.conf;
                                      backtest: recorded klines through the same actors, then a report)
          --speed N                   paper: run the node's and the simulator's clock N times faster (virtual time)
          --duration 30s              stop after this long of the node's time (default: run until Ctrl+C)
          --data-dir PATH             journal, logs and management token (default ./data)
          --port N                    management HTTP port (default 8558, 0 = any free port)
          --live                      confirm live mode (real money)
          --cluster-port N            cluster mode: this node's Akka.Remote port (default 4053)
          --seeds H:P,H:P             cluster mode: the seed nodes (default 127.0.0.1:4053,127.0.0.1:4054)
          --config FILE               an extra HOCON file read after the mode's file
          --set key=value             override any configuration key (e.g. trading-actors.node.status-interval=10s)
          --data PATH                 backtest: a kline CSV file or a folder of them (default: the simulator's seeded path)
          --from DATE / --to DATE     backtest: the part of the data to run over (UTC, e.g. 2024-01-31)
          --report DIR                backtest: where report.json, report.html and the PNG charts go (default backtest-report)
          --keep-journal              backtest: keep the journal in the data directory instead of a throw-away one
          --help                      this text
        """;

    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    public bool Help { get; init; }

    /// <summary>The command line asks for a backtest (<c>--mode backtest</c>), which runs to its end instead of serving.</summary>
    public bool IsBacktest => Overrides.TryGetValue("trading-actors.node.mode", out var mode) && string.Equals(mode, "backtest", StringComparison.OrdinalIgnoreCase);

    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var files = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && arg.StartsWith("--", StringComparison.Ordinal) && !arg.StartsWith("--set", StringComparison.Ordinal)
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new NodeConfigurationException(name, "needs a value.");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--mode":
                    overrides["trading-actors.node.mode"] = Value();
                    break;
                case "--speed":
                    overrides["trading-actors.node.speed"] = Value();
                    break;
                case "--duration":
                    overrides["trading-actors.node.duration"] = Value();
                    break;
                case "--data-dir":
                    overrides["trading-actors.node.data-dir"] = Value();
                    break;
                case "--port":
                    overrides["trading-actors.node.management.port"] = Value();
                    break;
                case "--live":
                    overrides["trading-actors.node.live"] = inline ?? "true";
                    break;
                case "--cluster-port":
                    overrides["trading-actors.cluster.port"] = Value();
                    break;
                case "--seeds":
                    overrides["trading-actors.cluster.seed-nodes"] = Value();
                    break;
                case "--data":
                    overrides["trading-actors.backtest.data"] = Value();
                    break;
                case "--from":
                    overrides["trading-actors.backtest.from"] = Value();
                    break;
                case "--to":
                    overrides["trading-actors.backtest.to"] = Value();
                    break;
                case "--report":
                    overrides["trading-actors.backtest.report-dir"] = Value();
                    break;
                case "--keep-journal":
                    overrides["trading-actors.backtest.keep-journal"] = inline ?? "true";
                    break;
                case "--config":
                    files.Add(Value());
                    break;
                case "--set":
                    var pair = Value();
                    var split = pair.IndexOf('=', StringComparison.Ordinal);
                    if (split <= 0)
                    {
                        throw new NodeConfigurationException("--set", $"'{pair}' is not key=value.");
                    }

                    overrides[pair[..split].Trim().Replace(':', '.')] = pair[(split + 1)..];
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new NodeConfigurationException(arg, "unknown option (see --help).");
            }
        }

        return new CommandLineOptions { Overrides = overrides, ConfigFiles = files, Help = help };
    }
}
