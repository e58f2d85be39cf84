namespace TradingActors.Trading.Domain;

/// <summary>
/// Names one trading intention (an entry, a stop, an exit). Submitting the same intent id twice is the
/// same request: the router answers it from its journal and sends nothing new.
/// </summary>
public readonly record struct IntentId
{
    public const int MaxLength = 64;

    public IntentId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"Intent id '{value}' is longer than {MaxLength} characters.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    /// <summary>A fresh id, time-ordered so journals and logs sort by creation.</summary>
    public static IntentId New() => new("i" + Guid.CreateVersion7().ToString("N"));

    public override string ToString() => Value;
}
