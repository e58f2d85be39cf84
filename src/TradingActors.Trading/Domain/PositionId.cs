namespace TradingActors.Trading.Domain;

/// <summary>Names one position for its whole life; it is also the position actor's persistence id suffix.</summary>
public readonly record struct PositionId
{
    public PositionId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new ArgumentException($"Position id '{value}' may contain only letters, digits, '-' and '_'.", nameof(value));
            }
        }

        Value = value;
    }

    public string Value { get; }

    public static PositionId New() => new("p" + Guid.CreateVersion7().ToString("N"));

    public override string ToString() => Value;
}
