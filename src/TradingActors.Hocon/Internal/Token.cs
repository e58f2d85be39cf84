namespace TradingActors.Hocon.Internal;

internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    Unquoted,
    Substitution,
}

/// <summary>One lexical token. <see cref="Path"/> and <see cref="Optional"/> are set only for substitutions.</summary>
internal readonly record struct Token(
    TokenKind Kind,
    string Text,
    int Line,
    int Column,
    string[]? Path = null,
    bool Optional = false)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the input",
        TokenKind.Newline => "a new line",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the quoted string \"{Shorten(Text)}\"",
        TokenKind.Unquoted => $"'{Shorten(Text)}'",
        TokenKind.Substitution => $"the substitution {Text}",
        _ => $"'{Text}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
