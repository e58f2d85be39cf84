using System.Globalization;

namespace TradingActors.Trading.Strategy.Rules;

/// <summary>
/// Parses the strategy's rule language:
/// <code>
/// condition  := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | "(" condition ")" | comparison
/// comparison := sum (("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=" | "crosses_above" | "crosses_below") sum)
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | number | field | indicator "(" integer ")" | "(" sum ")"
/// </code>
/// Errors name the rule's configuration key and the column.
/// </summary>
public sealed class RuleParser
{
    /// <summary>Bar and book fields usable without a period.</summary>
    public static readonly IReadOnlySet<string> Fields =
        new HashSet<string>(StringComparer.Ordinal) { "open", "high", "low", "close", "volume", "bid", "ask", "mid", "spread_bps", "mark" };

    /// <summary>Indicators, each taking one whole-number period.</summary>
    public static readonly IReadOnlySet<string> Indicators =
        new HashSet<string>(StringComparer.Ordinal) { "ema", "sma", "rsi", "atr", "volatility", "volume_z", "return" };

    private const int MaxPeriod = 10_000;
    private const int MaxDepth = 64;

    private static readonly string[] ComparisonOperators = ["<=", ">=", "==", "!=", "<", ">"];

    private readonly string _key;
    private readonly string _text;
    private int _position;
    private int _depth;

    private RuleParser(string key, string text)
    {
        _key = key;
        _text = text;
    }

    public static ConditionNode ParseCondition(string key, string text)
    {
        var parser = new RuleParser(key, text ?? string.Empty);
        var node = parser.Or();
        parser.ExpectEnd();
        return node;
    }

    public static NumericNode ParseValue(string key, string text)
    {
        var parser = new RuleParser(key, text ?? string.Empty);
        var node = parser.Sum();
        parser.ExpectEnd();
        return node;
    }

    private ConditionNode Or()
    {
        var left = And();
        while (TryKeyword("or"))
        {
            left = new LogicalNode(IsAnd: false, left, And());
        }

        return left;
    }

    private ConditionNode And()
    {
        var left = Not();
        while (TryKeyword("and"))
        {
            left = new LogicalNode(IsAnd: true, left, Not());
        }

        return left;
    }

    private ConditionNode Not()
    {
        using var _ = Nest();
        if (TryKeyword("not"))
        {
            return new NotNode(Not());
        }

        // "(" may open a condition or an arithmetic group; try the condition first and backtrack.
        var start = _position;
        if (TrySymbol("("))
        {
            try
            {
                var inner = Or();
                Expect(")");
                return inner;
            }
            catch (RuleSyntaxException)
            {
                _position = start;
            }
        }

        return Comparison();
    }

    private ConditionNode Comparison()
    {
        var left = Sum();
        SkipSpace();
        var column = _position + 1;
        if (TryKeyword("crosses_above"))
        {
            return new CrossesNode(Above: true, left, Sum());
        }

        if (TryKeyword("crosses_below"))
        {
            return new CrossesNode(Above: false, left, Sum());
        }

        foreach (var op in ComparisonOperators)
        {
            if (TrySymbol(op))
            {
                return new ComparisonNode(op, left, Sum());
            }
        }

        throw Error(column, $"expected a comparison (<, <=, >, >=, ==, !=, crosses_above, crosses_below) but found {Describe()}");
    }

    private NumericNode Sum()
    {
        var left = Product();
        while (true)
        {
            if (TrySymbol("+"))
            {
                left = new ArithmeticNode('+', left, Product());
            }
            else if (TrySymbol("-"))
            {
                left = new ArithmeticNode('-', left, Product());
            }
            else
            {
                return left;
            }
        }
    }

    private NumericNode Product()
    {
        var left = Unary();
        while (true)
        {
            if (TrySymbol("*"))
            {
                left = new ArithmeticNode('*', left, Unary());
            }
            else if (TrySymbol("/"))
            {
                left = new ArithmeticNode('/', left, Unary());
            }
            else
            {
                return left;
            }
        }
    }

    private NumericNode Unary()
    {
        using var _ = Nest();
        SkipSpace();
        var column = _position + 1;
        if (TrySymbol("-"))
        {
            return new NegateNode(Unary());
        }

        if (TrySymbol("("))
        {
            var inner = Sum();
            Expect(")");
            return inner;
        }

        if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            return new NumberNode(Number());
        }

        var name = Identifier();
        if (name.Length == 0)
        {
            throw Error(column, $"expected a number, a field or an indicator but found {Describe()}");
        }

        if (Indicators.Contains(name))
        {
            Expect("(");
            SkipSpace();
            var periodColumn = _position + 1;
            var period = Number();
            if (period != decimal.Truncate(period) || period < 1 || period > MaxPeriod)
            {
                throw Error(periodColumn, $"the period of {name} must be a whole number from 1 to {MaxPeriod}");
            }

            Expect(")");
            return new FeatureNode(new FeatureKey(name, (int)period));
        }

        if (Fields.Contains(name))
        {
            return new FeatureNode(new FeatureKey(name));
        }

        throw Error(column, $"unknown name '{name}'; fields are {string.Join(", ", Fields)}; indicators are {string.Join(", ", Indicators)}");
    }

    private decimal Number()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        var token = _text[start.._position];
        if (!decimal.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(start + 1, $"expected a number but found {(token.Length == 0 ? Describe() : $"'{token}'")}");
        }

        return value;
    }

    private string Identifier()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        var end = _position + keyword.Length;
        if (end > _text.Length
            || string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) != 0
            || (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            return false;
        }

        _position = end;
        return true;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) != 0)
        {
            return false;
        }

        _position += symbol.Length;
        return true;
    }

    private void Expect(string symbol)
    {
        SkipSpace();
        var column = _position + 1;
        if (!TrySymbol(symbol))
        {
            throw Error(column, $"expected '{symbol}' but found {Describe()}");
        }
    }

    private void ExpectEnd()
    {
        SkipSpace();
        if (_position < _text.Length)
        {
            throw Error(_position + 1, $"expected the end of the rule but found {Describe()}");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private string Describe()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            return "the end of the rule";
        }

        var end = _position;
        while (end < _text.Length && !char.IsWhiteSpace(_text[end]) && end - _position < 16)
        {
            end++;
        }

        return $"'{_text[_position..Math.Max(end, _position + 1)]}'";
    }

    private RuleSyntaxException Error(int column, string problem) => new(_key, column, problem);

    private DepthGuard Nest()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(_position + 1, $"the rule nests deeper than {MaxDepth} levels");
        }

        return new DepthGuard(this);
    }

    private readonly struct DepthGuard(RuleParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }
}
