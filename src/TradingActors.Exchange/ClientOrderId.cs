namespace TradingActors.Exchange;

/// <summary>
/// The id we give an order (or an algo order, or an order list). Ids we create use the alphabet both
/// venues accept (<c>[a-zA-Z0-9-_]{1,36}</c>); <see cref="FromExchange"/> admits whatever the venue
/// reports for foreign orders.
/// </summary>
public readonly record struct ClientOrderId
{
    public const int MaxLength = 36;

    private ClientOrderId(string value) => Value = value;

    public string Value { get; }

    /// <summary>An id for an order we send; throws if either venue would refuse it.</summary>
    public static ClientOrderId Create(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException(
                $"Client order id '{value}' must be 1-{MaxLength} characters of [a-zA-Z0-9-_].", nameof(value));
        }

        return new ClientOrderId(value);
    }

    /// <summary>An id as reported by the exchange (possibly a foreign order's, e.g. a liquidation).</summary>
    public static ClientOrderId FromExchange(string value) => new(value ?? string.Empty);

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => Value;
}
