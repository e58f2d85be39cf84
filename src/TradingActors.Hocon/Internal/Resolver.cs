using System.Globalization;

namespace TradingActors.Hocon.Internal;

/// <summary>
/// Turns the parsed tree into values once the whole document (with its includes) is merged, so
/// substitutions may refer forward. Each node is resolved once; a node met again while it is still
/// being resolved is a cycle.
/// </summary>
internal sealed class Resolver
{
    /// <summary>Longest chain of nested resolutions (substitutions following substitutions) before giving up.</summary>
    internal const int MaxDepth = 400;

    private readonly ObjectNode _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<Node, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<SubstitutionNode> _substitutions = [];
    private int _depth;

    public Resolver(ObjectNode root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconValue ResolveRoot() => Resolve(_root) ?? HoconValue.EmptyObject;

    /// <summary>Returns null when the node is undefined (an optional substitution with nothing behind it).</summary>
    private HoconValue? Resolve(Node node)
    {
        if (node is ScalarNode scalar)
        {
            return scalar.Value;
        }

        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (!_inProgress.Add(node))
        {
            throw Cycle(node);
        }

        if (++_depth > MaxDepth)
        {
            throw Error(_substitutions.Count > 0 ? _substitutions[^1] : node,
                $"Substitutions are nested deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels");
        }

        var value = node switch
        {
            ObjectNode obj => ResolveObject(obj),
            ArrayNode array => ResolveArray(array),
            SubstitutionNode substitution => ResolveSubstitution(substitution),
            ConcatNode concat => ResolveConcat(concat),
            MergeNode merge => ResolveMerge(merge),
            PreviousValueNode previous => Resolve(previous.Target)?.Fields?.GetValueOrDefault(previous.Key),
            _ => throw new InvalidOperationException($"Unknown node {node.GetType().Name}"),
        };

        _depth--;
        _inProgress.Remove(node);
        _resolved[node] = value;
        return value;
    }

    private HoconValue ResolveObject(ObjectNode obj)
    {
        var fields = new OrderedDictionary<string, HoconValue>(obj.Fields.Count, StringComparer.Ordinal);
        foreach (var (key, child) in obj.Fields)
        {
            if (Resolve(child) is { } value)
            {
                fields[key] = value;
            }
        }

        return HoconValue.Object(fields);
    }

    private HoconValue ResolveArray(ArrayNode array)
    {
        var items = new List<HoconValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (Resolve(item) is { } value)
            {
                items.Add(value);
            }
        }

        return HoconValue.Array(items);
    }

    private HoconValue? ResolveSubstitution(SubstitutionNode substitution)
    {
        _substitutions.Add(substitution);
        var found = substitution.EnvironmentOnly ? null : Lookup(substitution.Path);
        _substitutions.RemoveAt(_substitutions.Count - 1);
        if (found is not null)
        {
            return found;
        }

        var name = string.Join('.', substitution.Path);
        if (_environment(name) is { } fromEnvironment)
        {
            return HoconValue.FromString(fromEnvironment);
        }

        if (substitution.Optional)
        {
            return null;
        }

        throw Error(substitution, substitution.EnvironmentOnly
            ? $"Could not resolve {substitution.Text}: it refers to its own key, which has no earlier value, and there is no environment variable '{name}'"
            : $"Could not resolve {substitution.Text}: there is no value at '{name}' and no environment variable '{name}'");
    }

    private HoconValue? Lookup(string[] path)
    {
        Node current = _root;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is ObjectNode obj)
            {
                if (!obj.Fields.TryGetValue(path[i], out var child))
                {
                    return null;
                }

                current = child;
                continue;
            }

            // Only an already-merged object can be walked without resolving it first.
            var value = Resolve(current);
            for (; i < path.Length; i++)
            {
                if (value?.Fields is not { } fields || !fields.TryGetValue(path[i], out value))
                {
                    return null;
                }
            }

            return value;
        }

        return Resolve(current);
    }

    private HoconValue? ResolveConcat(ConcatNode concat)
    {
        var values = new List<(HoconValue Value, bool IsWhitespace)>(concat.Parts.Count);
        foreach (var part in concat.Parts)
        {
            if (Resolve(part) is { } value)
            {
                values.Add((value, part is ScalarNode { IsWhitespace: true }));
            }
        }

        // Whitespace left at either end by an undefined optional substitution is not part of the value.
        var start = 0;
        var end = values.Count;
        while (start < end && values[start].IsWhitespace)
        {
            start++;
        }

        while (end > start && values[end - 1].IsWhitespace)
        {
            end--;
        }

        if (start == end)
        {
            return null;
        }

        if (end - start == 1)
        {
            return values[start].Value;
        }

        var hasArray = false;
        var hasObject = false;
        var hasScalar = false;
        for (var i = start; i < end; i++)
        {
            var (value, isWhitespace) = values[i];
            hasArray |= value.IsArray;
            hasObject |= value.IsObject;
            hasScalar |= value.IsScalar && !isWhitespace;
        }

        if (!hasArray && !hasObject)
        {
            var builder = new System.Text.StringBuilder();
            for (var i = start; i < end; i++)
            {
                builder.Append(values[i].Value.ConcatText);
            }

            return HoconValue.FromString(builder.ToString());
        }

        if (hasScalar || (hasArray && hasObject))
        {
            throw Error(concat, $"Cannot concatenate {Describe(hasArray, hasObject, hasScalar)}: "
                                + "expected only strings, only arrays or only objects next to each other");
        }

        if (hasArray)
        {
            var items = new List<HoconValue>();
            for (var i = start; i < end; i++)
            {
                if (!values[i].IsWhitespace)
                {
                    items.AddRange(values[i].Value.GetArray());
                }
            }

            return HoconValue.Array(items);
        }

        HoconValue? merged = null;
        for (var i = start; i < end; i++)
        {
            if (!values[i].IsWhitespace)
            {
                merged = merged is null ? values[i].Value : MergeObjects(merged, values[i].Value);
            }
        }

        return merged;
    }

    private static string Describe(bool hasArray, bool hasObject, bool hasScalar)
    {
        var kinds = new List<string>(3);
        if (hasObject)
        {
            kinds.Add("an object");
        }

        if (hasArray)
        {
            kinds.Add("an array");
        }

        if (hasScalar)
        {
            kinds.Add("a string");
        }

        return string.Join(" and ", kinds);
    }

    private HoconValue? ResolveMerge(MergeNode merge)
    {
        HoconValue? result = null;
        foreach (var layer in merge.Layers)
        {
            var value = Resolve(layer);
            if (value is null)
            {
                continue;
            }

            result = result is { IsObject: true } && value.IsObject ? MergeObjects(result, value) : value;
        }

        return result;
    }

    /// <summary>Deep merge: fields of <paramref name="over"/> win, objects under the same key merge.</summary>
    private static HoconValue MergeObjects(HoconValue under, HoconValue over)
    {
        var fields = new OrderedDictionary<string, HoconValue>(under.Fields!, StringComparer.Ordinal);
        foreach (var (key, value) in over.Fields!)
        {
            fields[key] = fields.TryGetValue(key, out var existing) && existing.IsObject && value.IsObject
                ? MergeObjects(existing, value)
                : value;
        }

        return HoconValue.Object(fields);
    }

    private HoconParseException Cycle(Node node)
    {
        var chain = string.Join(" -> ", _substitutions.Select(s => s.Text));
        var at = _substitutions.Count > 0 ? _substitutions[^1] : node;
        return Error(at, $"Substitution cycle: {chain} refers back to a value that is still being resolved");
    }

    private static HoconParseException Error(Node at, string message) => new(at.Source, at.Line, at.Column, message);
}
