using System.CommandLine;

namespace TradingActors.Cli;

/// <summary>
/// tradectl: pbm's commands (actor hierarchy, cluster, cluster-sharding) and the trading ones, over a node's
/// management HTTP API. Node and token come from --node/--token, TRADECTL_NODE/TRADECTL_TOKEN, or --data-dir (the
/// node writes its token to &lt;data-dir&gt;/management-token). Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
public static class Tradectl
{
    public const string DefaultNode = "http://127.0.0.1:8558";

    internal static readonly Option<string?> NodeOption = new("--node") { Description = $"management URL of the node (default TRADECTL_NODE, else {DefaultNode})", Recursive = true };
    internal static readonly Option<string?> TokenOption = new("--token") { Description = "bearer token of the mutating routes (default TRADECTL_TOKEN, else <data-dir>/management-token)", Recursive = true };
    internal static readonly Option<string?> DataDirOption = new("--data-dir") { Description = "the node's data directory, to read its management-token", Recursive = true };
    internal static readonly Option<bool> JsonOption = new("--json") { Description = "print JSON, for scripts", Recursive = true };

    /// <summary>Runs one command line; <paramref name="environment"/> reads variables (null: the process's).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, TextReader? input = null, Func<string, string?>? environment = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        environment ??= Environment.GetEnvironmentVariable;
        input ??= TextReader.Null;

        var root = new RootCommand("tradectl: inspect and operate a TradingActors node (pbm's commands, plus trading)");
        root.Add(NodeOption);
        root.Add(TokenOption);
        root.Add(DataDirOption);
        root.Add(JsonOption);
        var factory = new CommandFactory((parsed, command, token) => RunCommandAsync(parsed, command, output, error, input, environment, token));
        foreach (var command in ClusterCommands.Build(factory).Concat(TradingCommands.Build(factory)))
        {
            root.Add(command);
        }

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"tradectl: {problem.Message}");
            }

            await error.WriteLineAsync("Run 'tradectl --help' (or 'tradectl <command> --help') for the usage.");
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
    }

    private static async Task<int> RunCommandAsync(
        ParseResult parsed, Func<CommandContext, CancellationToken, Task<int>> command, TextWriter output, TextWriter error, TextReader input,
        Func<string, string?> environment, CancellationToken ct)
    {
        var nodeText = parsed.GetValue(NodeOption) ?? environment("TRADECTL_NODE") ?? DefaultNode;
        if (!Uri.TryCreate(nodeText, UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"tradectl: '{nodeText}' is not an http(s) URL: pass --node http://HOST:PORT.");
            return ExitCodes.Usage;
        }

        string? token;
        try
        {
            token = parsed.GetValue(TokenOption) ?? environment("TRADECTL_TOKEN") ?? ReadTokenFile(parsed.GetValue(DataDirOption));
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"tradectl: {e.Message}");
            return e.ExitCode;
        }

        using var client = new NodeClient(node, token, TimeSpan.FromSeconds(70));
        try
        {
            return await command(new CommandContext(client, output, input, parsed.GetValue(JsonOption)), ct);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"tradectl: {e.Message}");
            return e.ExitCode;
        }
    }

    private static string? ReadTokenFile(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return null;
        }

        var path = Path.Combine(dataDirectory, "management-token");
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot read {path} ({e.Message}): is --data-dir the node's, and is the node running?");
        }
    }
}
