using System.Globalization;
using System.Text;

namespace TradingActors.Hocon.Internal;

/// <summary>
/// Hand-written HOCON tokenizer over one source text. Comments are dropped; whitespace is kept as a
/// token because HOCON value concatenation preserves it.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private int _column = 1;
    private Token? _peeked;

    public Lexer(string text, string source)
    {
        _text = text;
        _source = source;
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
        }
    }

    public string Source => _source;

    public Token Peek() => _peeked ??= Read();

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    public HoconParseException Error(int line, int column, string message) => new(_source, line, column, message);

    /// <summary>Characters that end an unquoted token (HOCON "forbidden characters").</summary>
    public static bool IsForbidden(char c) => c switch
    {
        '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@'
            or '*' or '&' or '\\' => true,
        _ => false,
    };

    public static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private Token Read()
    {
        while (true)
        {
            if (_pos >= _text.Length)
            {
                return new Token(TokenKind.End, string.Empty, _line, _column);
            }

            var c = _text[_pos];
            var line = _line;
            var column = _column;
            switch (c)
            {
                case '\n':
                    Advance();
                    return new Token(TokenKind.Newline, "\n", line, column);
                case '#':
                    SkipComment();
                    continue;
                case '/' when NextIs('/'):
                    SkipComment();
                    continue;
                case ',':
                    Advance();
                    return new Token(TokenKind.Comma, ",", line, column);
                case ':':
                    Advance();
                    return new Token(TokenKind.Colon, ":", line, column);
                case '=':
                    Advance();
                    return new Token(TokenKind.Equals, "=", line, column);
                case '{':
                    Advance();
                    return new Token(TokenKind.OpenBrace, "{", line, column);
                case '}':
                    Advance();
                    return new Token(TokenKind.CloseBrace, "}", line, column);
                case '[':
                    Advance();
                    return new Token(TokenKind.OpenBracket, "[", line, column);
                case ']':
                    Advance();
                    return new Token(TokenKind.CloseBracket, "]", line, column);
                case '+':
                    if (NextIs('='))
                    {
                        Advance();
                        Advance();
                        return new Token(TokenKind.PlusEquals, "+=", line, column);
                    }

                    throw Error(line, column, "Unexpected '+': expected '+=' (quote values that contain '+')");
                case '"':
                    return _pos + 2 < _text.Length && _text[_pos + 1] == '"' && _text[_pos + 2] == '"'
                        ? ReadTripleQuoted(line, column)
                        : ReadQuoted(line, column);
                case '$':
                    if (NextIs('{'))
                    {
                        return ReadSubstitution(line, column);
                    }

                    throw Error(line, column, "Unexpected '$': expected '${' to start a substitution (quote values that contain '$')");
            }

            if (IsWhitespace(c))
            {
                var start = _pos;
                while (_pos < _text.Length && IsWhitespace(_text[_pos]))
                {
                    Advance();
                }

                // Whitespace text only matters inside a concatenation; the common single space needs no allocation.
                var text = _pos - start == 1 && c == ' ' ? " " : _text[start.._pos];
                return new Token(TokenKind.Whitespace, text, line, column);
            }

            if (IsForbidden(c))
            {
                throw Error(line, column, $"Unexpected character '{c}': expected a key, a value or a separator (quote strings that contain '{c}')");
            }

            return ReadUnquoted(line, column);
        }
    }

    private bool NextIs(char c) => _pos + 1 < _text.Length && _text[_pos + 1] == c;

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            Advance();
        }
    }

    private Token ReadUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (IsForbidden(c) || c == '\n' || IsWhitespace(c) || (c == '/' && NextIs('/')))
            {
                break;
            }

            Advance();
        }

        return new Token(TokenKind.Unquoted, _text[start.._pos], line, column);
    }

    private Token ReadQuoted(int line, int column)
    {
        Advance();
        var value = ReadQuotedBody(line, column);
        return new Token(TokenKind.QuotedString, value, line, column);
    }

    /// <summary>Reads the body of a JSON string after its opening quote, consuming the closing quote.</summary>
    private string ReadQuotedBody(int line, int column)
    {
        var start = _pos;
        StringBuilder? builder = null;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "Unterminated quoted string: expected a closing '\"' before the end of the line");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                var value = builder is null ? _text[start.._pos] : builder.Append(_text, start, _pos - start).ToString();
                Advance();
                return value;
            }

            if (c != '\\')
            {
                Advance();
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, start, _pos - start);
            var escapeLine = _line;
            var escapeColumn = _column;
            Advance();
            if (_pos >= _text.Length)
            {
                throw Error(escapeLine, escapeColumn, "Unterminated escape sequence at the end of the input");
            }

            var e = _text[_pos];
            Advance();
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error(escapeLine, escapeColumn, "Invalid unicode escape: expected '\\u' followed by four hex digits");
                    }

                    builder.Append((char)code);
                    for (var i = 0; i < 4; i++)
                    {
                        Advance();
                    }

                    break;
                default:
                    throw Error(escapeLine, escapeColumn, $"Invalid escape sequence '\\{e}': expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }

            start = _pos;
        }
    }

    private Token ReadTripleQuoted(int line, int column)
    {
        for (var i = 0; i < 3; i++)
        {
            Advance();
        }

        var start = _pos;
        var close = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(line, column, "Unterminated triple-quoted string: expected a closing '\"\"\"'");
        }

        // Quotes directly before the closing three belong to the string ("""a"""" is a" + ").
        var end = close;
        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        while (_pos < end + 3)
        {
            Advance();
        }

        return new Token(TokenKind.QuotedString, _text[start..end], line, column);
    }

    private Token ReadSubstitution(int line, int column)
    {
        var start = _pos;
        Advance();
        Advance();
        var optional = false;
        if (_pos < _text.Length && _text[_pos] == '?')
        {
            optional = true;
            Advance();
        }

        SkipInlineWhitespace();
        var path = new List<string>();
        var current = new StringBuilder();
        var segmentHasContent = false;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column, "Unterminated substitution: expected '}' to close '${'");
            }

            var c = _text[_pos];
            if (c == '}')
            {
                break;
            }

            if (c == '"')
            {
                var quoteLine = _line;
                var quoteColumn = _column;
                Advance();
                current.Append(ReadQuotedBody(quoteLine, quoteColumn));
                segmentHasContent = true;
                continue;
            }

            if (c == '.')
            {
                if (!segmentHasContent)
                {
                    throw Error(_line, _column, "Invalid substitution path: expected a path element before '.'");
                }

                path.Add(current.ToString());
                current.Clear();
                segmentHasContent = false;
                Advance();
                continue;
            }

            if (IsWhitespace(c))
            {
                SkipInlineWhitespace();
                if (_pos < _text.Length && _text[_pos] == '}')
                {
                    continue;
                }

                throw Error(_line, _column, "Invalid substitution path: expected '}' after the path (whitespace is not allowed inside a path)");
            }

            if (IsForbidden(c) || (c == '/' && NextIs('/')))
            {
                throw Error(_line, _column, $"Invalid character '{c}' in substitution path: expected a path or '}}'");
            }

            current.Append(c);
            segmentHasContent = true;
            Advance();
        }

        if (!segmentHasContent)
        {
            throw Error(_line, _column, path.Count == 0
                ? "Empty substitution: expected a path inside '${}'"
                : "Invalid substitution path: expected a path element after '.'");
        }

        path.Add(current.ToString());
        Advance();
        return new Token(TokenKind.Substitution, _text[start.._pos], line, column, [.. path], optional);
    }

    private void SkipInlineWhitespace()
    {
        while (_pos < _text.Length && IsWhitespace(_text[_pos]))
        {
            Advance();
        }
    }
}
