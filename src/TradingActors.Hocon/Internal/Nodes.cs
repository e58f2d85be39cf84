namespace TradingActors.Hocon.Internal;

/// <summary>Unresolved syntax tree built by the parser; the resolver turns it into <see cref="HoconValue"/>s.</summary>
internal abstract class Node
{
    protected Node(string source, int line, int column)
    {
        Source = source;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>True when the node's final value can only be known after substitutions are resolved.</summary>
    public virtual bool IsUnresolved => false;
}

/// <summary>A leaf whose value is already known. Whitespace between concatenated values is a scalar too.</summary>
internal sealed class ScalarNode(HoconValue value, bool isWhitespace, string source, int line, int column)
    : Node(source, line, column)
{
    public HoconValue Value { get; } = value;

    public bool IsWhitespace { get; } = isWhitespace;
}

internal sealed class ObjectNode(string source, int line, int column) : Node(source, line, column)
{
    public OrderedDictionary<string, Node> Fields { get; } = new(StringComparer.Ordinal);
}

internal sealed class ArrayNode(List<Node> items, string source, int line, int column) : Node(source, line, column)
{
    public List<Node> Items { get; } = items;
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="EnvironmentOnly"/> marks a self-reference that had no earlier
/// value: only the environment can supply it.
/// </summary>
internal sealed class SubstitutionNode(string[] path, bool optional, string text, string source, int line, int column)
    : Node(source, line, column)
{
    public string[] Path { get; } = path;

    public bool Optional { get; } = optional;

    public string Text { get; } = text;

    public bool EnvironmentOnly { get; init; }

    public override bool IsUnresolved => true;

    public bool Refers(IReadOnlyList<string> path)
    {
        if (path.Count != Path.Length)
        {
            return false;
        }

        for (var i = 0; i < Path.Length; i++)
        {
            if (!string.Equals(Path[i], path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Values written next to each other (<c>foo bar</c>, <c>${a} [1]</c>, <c>${base} { x = 1 }</c>).</summary>
internal sealed class ConcatNode(List<Node> parts, string source, int line, int column) : Node(source, line, column)
{
    public List<Node> Parts { get; } = parts;

    public override bool IsUnresolved => true;
}

/// <summary>Successive definitions of one key that can only be merged after resolution; later layers win.</summary>
internal sealed class MergeNode(List<Node> layers, string source, int line, int column) : Node(source, line, column)
{
    public List<Node> Layers { get; } = layers;

    public override bool IsUnresolved => true;
}

/// <summary>
/// The value at <see cref="Path"/> inside an unresolved earlier definition: what a self-reference such as
/// <c>a.list += x</c> means after <c>a = ${base}</c>. Undefined when the earlier value has no such path.
/// </summary>
internal sealed class PreviousValueNode(Node target, string key) : Node(target.Source, target.Line, target.Column)
{
    public Node Target { get; } = target;

    public string Key { get; } = key;

    public override bool IsUnresolved => true;
}
