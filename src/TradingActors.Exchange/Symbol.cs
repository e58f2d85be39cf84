namespace TradingActors.Exchange;

/// <summary>An exchange symbol such as BTCUSDT, always upper case.</summary>
public readonly record struct Symbol
{
    public Symbol(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"Symbol '{value}' may contain only ASCII letters and digits.", nameof(value));
            }
        }

        Value = value.ToUpperInvariant();
    }

    public string Value { get; }

    public override string ToString() => Value;
}
