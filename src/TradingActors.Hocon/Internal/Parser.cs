using System.Globalization;

namespace TradingActors.Hocon.Internal;

/// <summary>
/// Recursive-descent HOCON parser. Fields are merged into their target object as they are read, so
/// duplicate keys, path keys and includes all go through <see cref="Combine"/>; substitutions stay as
/// nodes for the <see cref="Resolver"/>.
/// </summary>
internal sealed class Parser
{
    private readonly Lexer _lexer;
    private readonly string? _directory;
    private readonly ParseContext _context;

    public Parser(string text, string source, string? directory, ParseContext context)
    {
        _lexer = new Lexer(text, source);
        _directory = directory;
        _context = context;
    }

    private string Source => _lexer.Source;

    /// <summary>Parses a whole document (braces around the root are optional) into <paramref name="target"/>.</summary>
    public void ParseDocument(ObjectNode target, List<string> prefix, bool attached)
    {
        SkipWhitespaceAndNewlines();
        var first = _lexer.Peek();
        if (first.Kind == TokenKind.OpenBrace)
        {
            _lexer.Next();
            ParseObjectBody(target, prefix, attached, first);
            SkipWhitespaceAndNewlines();
            var trailing = _lexer.Peek();
            if (trailing.Kind != TokenKind.End)
            {
                throw Error(trailing, $"Expected the end of the input after the root object's '}}' but found {trailing.Describe()}");
            }
        }
        else if (first.Kind == TokenKind.OpenBracket)
        {
            throw Error(first, "Expected an object at the root of the document but found an array");
        }
        else
        {
            ParseObjectBody(target, prefix, attached, null);
        }
    }

    private void ParseObjectBody(ObjectNode target, List<string> prefix, bool attached, Token? open)
    {
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = _lexer.Peek();
            if (token.Kind == TokenKind.CloseBrace)
            {
                if (open is null)
                {
                    throw Error(token, "Unexpected '}': there is no open object to close");
                }

                _lexer.Next();
                return;
            }

            if (token.Kind == TokenKind.End)
            {
                if (open is { } o)
                {
                    throw Error(token,
                        $"Expected '}}' to close the object opened at line {o.Line}, column {o.Column}, but reached the end of the input");
                }

                return;
            }

            var key = ParseField(target, prefix, attached);
            SkipWhitespace();
            var after = _lexer.Peek();
            switch (after.Kind)
            {
                case TokenKind.Comma:
                    _lexer.Next();
                    break;
                case TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End:
                    break;
                default:
                    throw Error(after, $"Expected ',', a new line or '}}' after the value of '{key}' but found {after.Describe()}");
            }
        }
    }

    /// <summary>Parses one field or include; returns the key text for error messages.</summary>
    private string ParseField(ObjectNode target, List<string> prefix, bool attached)
    {
        var keyToken = _lexer.Peek();
        var key = ParseKey();
        if (key.Count == 1 && keyToken is { Kind: TokenKind.Unquoted, Text: "include" } && _lexer.Peek().Kind == TokenKind.Whitespace)
        {
            SkipWhitespace();
            var next = _lexer.Peek();
            if (next.Kind == TokenKind.QuotedString || (next.Kind == TokenKind.Unquoted && IsIncludeFunction(next.Text)))
            {
                ParseInclude(target, prefix, attached, keyToken);
                return "include";
            }
        }

        if (prefix.Count + key.Count > ParseContext.MaxDepth)
        {
            throw Error(keyToken, $"The key path is nested deeper than {ParseContext.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels");
        }

        SkipWhitespace();
        var keyText = string.Join('.', key);
        var fullPath = new List<string>(prefix.Count + key.Count);
        fullPath.AddRange(prefix);
        fullPath.AddRange(key);
        var separator = _lexer.Peek();
        Node value;
        switch (separator.Kind)
        {
            case TokenKind.OpenBrace:
                value = ParseValue(fullPath, keyText);
                break;
            case TokenKind.Colon or TokenKind.Equals:
                _lexer.Next();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fullPath, keyText);
                break;
            case TokenKind.PlusEquals:
                _lexer.Next();
                SkipWhitespaceAndNewlines();
                var appended = ParseValue(fullPath, keyText);
                var self = new SubstitutionNode([.. fullPath], optional: true, "${?" + string.Join('.', fullPath) + "}", Source,
                    separator.Line, separator.Column);
                var array = new ArrayNode([appended], Source, appended.Line, appended.Column);
                value = new ConcatNode([self, array], Source, separator.Line, separator.Column);
                break;
            default:
                throw Error(separator, $"Expected ':', '=', '+=' or '{{' after the key '{keyText}' but found {separator.Describe()}");
        }

        // a.b.c = v is a { b { c = v } }: build the nesting and merge it like any object.
        var nested = value;
        for (var i = key.Count - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(Source, keyToken.Line, keyToken.Column);
            wrapper.Fields[key[i]] = nested;
            nested = wrapper;
        }

        var path = new List<string>(prefix) { key[0] };
        SetField(target, key[0], nested, path, attached);
        return keyText;
    }

    private List<string> ParseKey()
    {
        var first = _lexer.Peek();
        if (first.Kind is not (TokenKind.Unquoted or TokenKind.QuotedString))
        {
            throw Error(first, $"Expected a key but found {first.Describe()}");
        }

        var keys = new List<string>();
        var current = new System.Text.StringBuilder();
        var hasContent = false;
        while (_lexer.Peek() is { Kind: TokenKind.Unquoted or TokenKind.QuotedString } token)
        {
            _lexer.Next();
            if (token.Kind == TokenKind.QuotedString)
            {
                current.Append(token.Text);
                hasContent = true;
                continue;
            }

            var text = token.Text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '.')
                {
                    current.Append(text[i]);
                    hasContent = true;
                    continue;
                }

                if (!hasContent)
                {
                    throw _lexer.Error(token.Line, token.Column + i, $"Expected a key element before '.' in the key '{text}'");
                }

                keys.Add(current.ToString());
                current.Clear();
                hasContent = false;
            }
        }

        if (!hasContent)
        {
            var at = _lexer.Peek();
            throw Error(at, "Expected a key element after '.'");
        }

        keys.Add(current.ToString());
        return keys;
    }

    private Node ParseValue(List<string> path, string keyText)
    {
        List<Node>? parts = null;
        Node? single = null;
        var singleIsUnquoted = false;
        Token? pendingWhitespace = null;
        while (true)
        {
            var token = _lexer.Peek();
            Node part;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    _lexer.Next();
                    if (single is not null)
                    {
                        pendingWhitespace = token;
                    }

                    continue;
                case TokenKind.QuotedString:
                    _lexer.Next();
                    part = new ScalarNode(HoconValue.FromString(token.Text), isWhitespace: false, Source, token.Line, token.Column);
                    break;
                case TokenKind.Unquoted:
                    _lexer.Next();
                    part = new ScalarNode(HoconValue.FromString(token.Text), isWhitespace: false, Source, token.Line, token.Column);
                    break;
                case TokenKind.Substitution:
                    _lexer.Next();
                    part = new SubstitutionNode(token.Path!, token.Optional, token.Text, Source, token.Line, token.Column);
                    break;
                case TokenKind.OpenBrace:
                    part = ParseObjectLiteral(path);
                    break;
                case TokenKind.OpenBracket:
                    part = ParseArray(path, keyText);
                    break;
                default:
                    if (single is null)
                    {
                        throw Error(token, $"Expected a value for '{keyText}' but found {token.Describe()}");
                    }

                    return Finish(single, singleIsUnquoted, parts);
            }

            if (single is null)
            {
                single = part;
                singleIsUnquoted = token.Kind == TokenKind.Unquoted;
                continue;
            }

            parts ??= [single];
            if (pendingWhitespace is { } ws)
            {
                parts.Add(new ScalarNode(HoconValue.FromString(ws.Text), isWhitespace: true, Source, ws.Line, ws.Column));
                pendingWhitespace = null;
            }

            parts.Add(part);
        }
    }

    private Node Finish(Node single, bool singleIsUnquoted, List<Node>? parts)
    {
        if (parts is null)
        {
            return singleIsUnquoted && single is ScalarNode scalar
                ? new ScalarNode(ClassifyUnquoted(scalar.Value.GetString()), isWhitespace: false, Source, scalar.Line, scalar.Column)
                : single;
        }

        if (parts.TrueForAll(p => p is ScalarNode))
        {
            // Plain text joined with its whitespace: fold now, nothing to resolve later.
            var text = string.Concat(parts.Select(p => ((ScalarNode)p).Value.ConcatText));
            return new ScalarNode(HoconValue.FromString(text), isWhitespace: false, Source, single.Line, single.Column);
        }

        return new ConcatNode(parts, Source, single.Line, single.Column);
    }

    private static HoconValue ClassifyUnquoted(string text) => text switch
    {
        "true" => HoconValue.True,
        "false" => HoconValue.False,
        "null" => HoconValue.Null,
        _ when IsNumber(text) => HoconValue.Number(text),
        _ => HoconValue.FromString(text),
    };

    /// <summary>JSON number syntax: -?(0|[1-9]\d*)(\.\d+)?([eE]-?\d+)?, checked without a regex.</summary>
    internal static bool IsNumber(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        var digits = i;
        if (SkipDigits(s, ref i) == 0 || (s[digits] == '0' && i - digits > 1))
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (SkipDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] == '-')
            {
                i++;
            }

            if (SkipDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    /// <summary>Moves <paramref name="i"/> past a run of ASCII digits and returns how many there were.</summary>
    private static int SkipDigits(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private ObjectNode ParseObjectLiteral(List<string> path)
    {
        var open = _lexer.Next();
        EnterNested(open);
        var node = new ObjectNode(Source, open.Line, open.Column);
        ParseObjectBody(node, path, attached: false, open);
        _context.Depth--;
        return node;
    }

    private ArrayNode ParseArray(List<string> path, string keyText)
    {
        var open = _lexer.Next();
        EnterNested(open);
        var items = new List<Node>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = _lexer.Peek();
            if (token.Kind == TokenKind.CloseBracket)
            {
                _lexer.Next();
                break;
            }

            if (token.Kind == TokenKind.End)
            {
                throw Error(token, $"Expected ']' to close the array opened at line {open.Line}, column {open.Column}, but reached the end of the input");
            }

            items.Add(ParseValue(path, $"{keyText}[{items.Count.ToString(CultureInfo.InvariantCulture)}]"));
            SkipWhitespace();
            var after = _lexer.Peek();
            switch (after.Kind)
            {
                case TokenKind.Comma:
                    _lexer.Next();
                    break;
                case TokenKind.Newline or TokenKind.CloseBracket or TokenKind.End:
                    break;
                default:
                    throw Error(after, $"Expected ',', a new line or ']' in the array '{keyText}' but found {after.Describe()}");
            }
        }

        _context.Depth--;
        return new ArrayNode(items, Source, open.Line, open.Column);
    }

    private void EnterNested(Token at)
    {
        if (++_context.Depth > ParseContext.MaxDepth)
        {
            throw Error(at, $"Objects and arrays are nested deeper than {ParseContext.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels");
        }
    }

    private static bool IsIncludeFunction(string text) =>
        text.StartsWith("required(", StringComparison.Ordinal) || text.StartsWith("file(", StringComparison.Ordinal)
        || text.StartsWith("classpath(", StringComparison.Ordinal) || text.StartsWith("url(", StringComparison.Ordinal);

    private void ParseInclude(ObjectNode target, List<string> prefix, bool attached, Token includeToken)
    {
        var required = false;
        var opened = 0;
        var head = _lexer.Peek();
        if (head.Kind == TokenKind.Unquoted)
        {
            _lexer.Next();
            var text = head.Text.AsSpan();
            if (text.StartsWith("required("))
            {
                required = true;
                opened++;
                text = text["required(".Length..];
            }

            if (text.StartsWith("file(") || text.StartsWith("classpath("))
            {
                opened++;
                text = text[(text.IndexOf('(') + 1)..];
            }
            else if (text.StartsWith("url("))
            {
                throw Error(head, "include url(...) is not supported: expected include \"file\", file(\"...\") or required(\"...\")");
            }

            if (!text.IsEmpty)
            {
                throw Error(head, $"Expected a quoted file name after '{head.Text[..^text.Length]}' but found '{text}'");
            }
        }

        var nameToken = _lexer.Next();
        if (nameToken.Kind != TokenKind.QuotedString)
        {
            throw Error(nameToken, $"Expected a quoted file name to include but found {nameToken.Describe()}");
        }

        while (opened > 0)
        {
            var close = _lexer.Next();
            if (close.Kind != TokenKind.Unquoted || close.Text.AsSpan().TrimStart(')').Length != 0 || close.Text.Length > opened)
            {
                throw Error(close, $"Expected ')' to close the include of \"{nameToken.Text}\" but found {close.Describe()}");
            }

            opened -= close.Text.Length;
        }

        IncludeFile(target, prefix, attached, nameToken, required, includeToken);
    }

    private void IncludeFile(ObjectNode target, List<string> prefix, bool attached, Token nameToken, bool required, Token includeToken)
    {
        if (nameToken.Text.Length == 0)
        {
            throw Error(nameToken, "Expected a file name to include but found an empty string");
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(_directory ?? Directory.GetCurrentDirectory(), nameToken.Text));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Error(nameToken, $"Invalid include file name \"{nameToken.Text}\": {e.Message}");
        }

        if (!File.Exists(fullPath))
        {
            if (required)
            {
                throw Error(nameToken, $"Required include file '{fullPath}' was not found");
            }

            return;
        }

        if (_context.IncludeStack.Contains(fullPath, StringComparer.Ordinal))
        {
            throw Error(includeToken, $"Include cycle: {string.Join(" -> ", _context.IncludeStack)} -> {fullPath}");
        }

        if (_context.IncludeStack.Count >= ParseContext.MaxIncludeDepth)
        {
            throw Error(includeToken, $"Includes are nested deeper than {ParseContext.MaxIncludeDepth.ToString(CultureInfo.InvariantCulture)} files");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(nameToken, $"Could not read the include file '{fullPath}': {e.Message}");
        }

        if (!_context.Files.Contains(fullPath, StringComparer.Ordinal))
        {
            _context.Files.Add(fullPath);
        }

        _context.IncludeStack.Add(fullPath);
        var depth = _context.Depth;
        new Parser(text, fullPath, Path.GetDirectoryName(fullPath), _context).ParseDocument(target, prefix, attached);
        _context.Depth = depth;
        _context.IncludeStack.RemoveAt(_context.IncludeStack.Count - 1);
    }

    /// <summary>
    /// Sets <paramref name="key"/> of <paramref name="target"/> to <paramref name="value"/> merged over what it had.
    /// <paramref name="attached"/> says the target is reachable from the document root, so a self-reference
    /// with no earlier value really has none (a detached object literal may still be merged over one later).
    /// </summary>
    private static void SetField(ObjectNode target, string key, Node value, List<string> path, bool attached)
    {
        target.Fields.TryGetValue(key, out var old);
        target.Fields[key] = Combine(old, value, path, attached);
    }

    /// <summary>Merges a new definition over an old one (either may be unresolved).</summary>
    internal static Node Combine(Node? old, Node value, List<string> path, bool attached)
    {
        var replaced = ReplaceSelfReferences(value, path, old, attached, out var embedsOld);
        if (ReferenceEquals(replaced, old))
        {
            return old;
        }

        value = replaced;
        if (value is ObjectNode obj)
        {
            if (old is ObjectNode oldObject)
            {
                MergeFields(oldObject, obj, path, attached);
                return oldObject;
            }

            if (attached)
            {
                // Fields of a fresh literal may still hold self-references that now have their final context;
                // over an unresolved earlier value they refer into it.
                var fresh = new ObjectNode(obj.Source, obj.Line, obj.Column);
                fresh.Fields.EnsureCapacity(obj.Fields.Count);
                MergeFields(fresh, obj, path, attached, old is { IsUnresolved: true } ? old : null);
                obj = fresh;
            }

            return old is { IsUnresolved: true } ? Merge(old, obj) : obj;
        }

        // A value built on the earlier one already contains it; merging over it again would only deepen the tree.
        return value.IsUnresolved && old is not null && !embedsOld ? Merge(old, value) : value;
    }

    private static void MergeFields(ObjectNode target, ObjectNode source, List<string> path, bool attached, Node? unresolvedOld = null)
    {
        for (var i = 0; i < source.Fields.Count; i++)
        {
            var (key, value) = source.Fields.GetAt(i);
            path.Add(key);
            if (unresolvedOld is null)
            {
                SetField(target, key, value, path, attached);
            }
            else
            {
                target.Fields[key] = Combine(new PreviousValueNode(unresolvedOld, key), value, path, attached);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static MergeNode Merge(Node old, Node value)
    {
        var layers = old is MergeNode merge ? new List<Node>(merge.Layers) : [old];
        layers.Add(value);
        return new MergeNode(layers, value.Source, value.Line, value.Column);
    }

    /// <summary>
    /// A substitution of the field's own path (<c>a = ${a} [x]</c>, <c>a += x</c>) means its earlier value,
    /// not the final one, so it is replaced by that value here. With no earlier value only the environment
    /// can supply it.
    /// </summary>
    private static Node ReplaceSelfReferences(Node value, List<string> path, Node? old, bool attached, out bool embedsOld)
    {
        embedsOld = false;
        if (old is null && !attached)
        {
            return value;
        }

        switch (value)
        {
            case SubstitutionNode s when IsSelfReference(s, path):
                return old ?? new SubstitutionNode(s.Path, s.Optional, s.Text, s.Source, s.Line, s.Column) { EnvironmentOnly = true };
            case ConcatNode concat when concat.Parts.Exists(p => p is SubstitutionNode s && IsSelfReference(s, path)):
                var parts = new List<Node>(concat.Parts.Count);
                foreach (var part in concat.Parts)
                {
                    if (part is not SubstitutionNode s || !IsSelfReference(s, path))
                    {
                        parts.Add(part);
                    }
                    else if (old is ConcatNode earlier && !earlier.Parts.Exists(p => p is ScalarNode { IsWhitespace: true }))
                    {
                        // Splice a = ${a} [x] chains flat (concatenation is associative without whitespace), so
                        // many appends to one key do not nest one level each.
                        parts.AddRange(earlier.Parts);
                        embedsOld = true;
                    }
                    else
                    {
                        parts.Add(ReplaceSelfReferences(part, path, old, attached, out _));
                        embedsOld |= old is not null;
                    }
                }

                return new ConcatNode(parts, concat.Source, concat.Line, concat.Column);
            default:
                return value;
        }
    }

    private static bool IsSelfReference(SubstitutionNode substitution, List<string> path) =>
        !substitution.EnvironmentOnly && substitution.Refers(path);

    private void SkipWhitespace()
    {
        while (_lexer.Peek().Kind == TokenKind.Whitespace)
        {
            _lexer.Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (_lexer.Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _lexer.Next();
        }
    }

    private HoconParseException Error(Token at, string message) => _lexer.Error(at.Line, at.Column, message);
}
