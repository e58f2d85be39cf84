using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Configuration.Hocon;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Config;

/// <summary>
/// Reads one HOCON file with Akka's parser, filling the gaps of that parser (Akka.NET 1.5) that would otherwise start a
/// node with a wrong setting or hang it: it accepts an unclosed block or string, loops forever on some unclosed lists,
/// and resolves neither <c>${?NAME}</c> from the environment nor a relative <c>include</c>. Any error names the file.
/// </summary>
internal static partial class HoconFile
{
    /// <summary>Parses the file; <c>include "x.conf"</c> reads x.conf beside it, and is skipped when x.conf is absent.</summary>
    public static AkkaConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new AkkaConfig(LoadRoot(Path.GetFullPath(path), new HashSet<string>(StringComparer.Ordinal)));
    }

    /// <summary>Parses HOCON text (the text of <paramref name="source"/>, which errors name).</summary>
    public static AkkaConfig Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AkkaConfig(ParseRoot(text, source, directory: null, new HashSet<string>(StringComparer.Ordinal)));
    }

    /// <summary>A HOCON string literal: quoted and escaped, so ':', '#', '$', spaces and quotes stay text.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            var escaped = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => null,
            };
            if (escaped is null)
            {
                quoted.Append(c);
            }
            else
            {
                quoted.Append(escaped);
            }
        }

        return quoted.Append('"').ToString();
    }

    private static HoconRoot LoadRoot(string path, HashSet<string> including)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigurationException(path, $"cannot be read: {e.Message}", e);
        }

        if (!including.Add(path))
        {
            throw new NodeConfigurationException(path, "includes itself.");
        }

        try
        {
            return ParseRoot(text, path, Path.GetDirectoryName(path), including);
        }
        finally
        {
            including.Remove(path);
        }
    }

    private static HoconRoot ParseRoot(string text, string source, string? directory, HashSet<string> including)
    {
        CheckStructure(text, source);
        text = SubstituteEnvironment(text, source);
        try
        {
            return Parser.Parse(text, name => Include(name, source, directory, including));
        }
        catch (NodeConfigurationException)
        {
            throw;
        }
        catch (Exception e) when (e is FormatException or Akka.Configuration.ConfigurationException or InvalidOperationException or ArgumentException)
        {
            throw new NodeConfigurationException(source, e.Message, e);
        }
    }

    private static HoconRoot Include(string name, string source, string? directory, HashSet<string> including)
    {
        if (directory is null)
        {
            throw new NodeConfigurationException(source, $"include \"{name}\" needs a file to be relative to.");
        }

        var path = Path.GetFullPath(Path.Combine(directory, name));

        // Module files are optional (not `required(...)`): a module left out of a deployment is simply not configured.
        return File.Exists(path) ? LoadRoot(path, including) : EmptyRoot();
    }

    private static HoconRoot EmptyRoot()
    {
        var value = new HoconValue();
        value.AppendValue(new HoconObject());
        return new HoconRoot(value);
    }

    /// <summary>
    /// <c>key = ${?NAME}</c> on a line of its own becomes <c>key = "value of NAME"</c>, or nothing when NAME is not set
    /// (so an earlier value of the key stays): the one use of substitutions our files make.
    /// </summary>
    private static string SubstituteEnvironment(string text, string source)
    {
        var substituted = OptionalEnvironmentLine().Replace(text, match =>
            Environment.GetEnvironmentVariable(match.Groups["name"].Value) is { } value
                ? $"{match.Groups["key"].Value} = {Quote(value)}"
                : string.Empty);
        for (var other = substituted.IndexOf("${?", StringComparison.Ordinal); other >= 0; other = substituted.IndexOf("${?", other + 3, StringComparison.Ordinal))
        {
            if (!InsideStringOrComment(substituted, other))
            {
                throw Error(substituted, other, source, "an optional substitution must be a key's whole value, on a line of its own (key = ${?NAME}).");
            }
        }

        return substituted;
    }

    /// <summary>
    /// Brackets and strings must close, in the right order, and a list holds no assignment: the checks Akka's parser
    /// leaves out (it loops forever on a list with '=' or ':' in it, or on one closed by '}').
    /// </summary>
    private static void CheckStructure(string text, string source)
    {
        var open = new Stack<(char Bracket, int Index)>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#' || (c == '/' && At(text, i, "//")))
            {
                i = EndOfLine(text, i) - 1;
            }
            else if (At(text, i, "\"\"\""))
            {
                var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                i = end >= 0 ? end + 2 : throw Error(text, i, source, "a \"\"\" string is never closed.");
            }
            else if (c == '"')
            {
                i = EndOfString(text, i, source);
            }
            else if (c is '=' or ':' && open.Count > 0 && open.Peek().Bracket == '[')
            {
                throw Error(text, i, source, $"'{c}' inside a list: a list holds values (write {{ key = value }} for a block in it).");
            }
            else if (c is '{' or '[')
            {
                open.Push((c, i));
            }
            else if (c is '}' or ']')
            {
                var expected = c == '}' ? '{' : '[';
                if (open.Count == 0)
                {
                    throw Error(text, i, source, $"'{c}' closes nothing.");
                }

                var (bracket, index) = open.Pop();
                if (bracket != expected)
                {
                    var (line, column) = Position(text, index);
                    throw Error(text, i, source, $"'{c}' does not close the '{bracket}' of line {line}, column {column}.");
                }
            }
        }

        if (open.Count > 0)
        {
            var (bracket, index) = open.Peek();
            throw Error(text, index, source, $"'{bracket}' is never closed.");
        }
    }

    private static int EndOfString(string text, int start, string source)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return i;
                case '\n':
                    throw Error(text, start, source, "a string is not closed on its line.");
            }
        }

        throw Error(text, start, source, "a string is never closed.");
    }

    private static bool InsideStringOrComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var quoted = false;
        for (var i = lineStart; i < index; i++)
        {
            if (text[i] == '\\' && quoted)
            {
                i++;
            }
            else if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (text[i] == '#' || At(text, i, "//")))
            {
                return true;
            }
        }

        return quoted;
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    private static int EndOfLine(string text, int i) => text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private static NodeConfigurationException Error(string text, int index, string source, string problem)
    {
        var (line, column) = Position(text, index);
        return new NodeConfigurationException(source, $"line {line}, column {column}: {problem}");
    }

    [GeneratedRegex(@"^(?<key>[ \t]*[^\s=:#{}\[\],""]+)[ \t]*[=:][ \t]*\$\{\?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}[ \t]*(?=\r?$)", RegexOptions.Multiline)]
    private static partial Regex OptionalEnvironmentLine();
}
