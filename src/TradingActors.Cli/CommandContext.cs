using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace TradingActors.Cli;

/// <summary>What a command runs with: the node client, where to write, and whether to print JSON.</summary>
internal sealed class CommandContext(NodeClient client, TextWriter output, TextReader input, bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public NodeClient Client { get; } = client;

    public TextWriter Output { get; } = output;

    public TextReader Input { get; } = input;

    public bool Json { get; } = json;

    /// <summary>Tables and trees, without colour or terminal control codes, so the output is the same piped or captured.</summary>
    public IAnsiConsole Console { get; } = Create(output);

    private static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        // Captured or piped output has no terminal width: wide enough that a table row stays on one line.
        console.Profile.Width = 240;
        return console;
    }

    public void WriteJson(object value) => Output.WriteLine(JsonSerializer.Serialize(value, Indented));

    public void Line(string text) => Output.WriteLine(text);

    public static string Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal().ToString("0.########", CultureInfo.InvariantCulture) : string.Empty;

    public static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? string.Empty,
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => v.GetRawText(),
        } : string.Empty;

}
