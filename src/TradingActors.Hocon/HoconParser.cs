using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

/// <summary>Parses HOCON text or files into a resolved <see cref="HoconValue"/> object.</summary>
public static class HoconParser
{
    /// <summary>Parses a document held in memory. <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="HoconParseException">The text is not valid HOCON or a substitution cannot be resolved.</exception>
    public static HoconValue Parse(string text, string sourceName = "<string>", HoconParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= HoconParserOptions.Default;
        var context = new ParseContext();
        var root = new ObjectNode(sourceName, 1, 1);
        new Parser(text, sourceName, options.BaseDirectory, context).ParseDocument(root, [], attached: true);
        return Resolve(root, options);
    }

    /// <summary>Parses a file; its includes resolve relative to its directory.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HoconParseException">The file is not valid HOCON or a substitution cannot be resolved.</exception>
    public static HoconValue ParseFile(string path, HoconParserOptions? options = null) =>
        ParseFile(path, options, out _);

    internal static HoconValue ParseFile(string path, HoconParserOptions? options, out IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HoconParserOptions.Default;
        var fullPath = Path.GetFullPath(path);
        var context = new ParseContext();
        context.Files.Add(fullPath);
        files = context.Files;
        var text = File.ReadAllText(fullPath);
        context.IncludeStack.Add(fullPath);
        var root = new ObjectNode(fullPath, 1, 1);
        new Parser(text, fullPath, Path.GetDirectoryName(fullPath), context).ParseDocument(root, [], attached: true);
        return Resolve(root, options);
    }

    private static HoconValue Resolve(ObjectNode root, HoconParserOptions options) =>
        new Resolver(root, options.EnvironmentVariables ?? Environment.GetEnvironmentVariable).ResolveRoot();
}
