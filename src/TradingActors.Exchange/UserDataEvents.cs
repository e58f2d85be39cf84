namespace TradingActors.Exchange;

/// <summary>An event about our own account.</summary>
public abstract record UserDataEvent : ExchangeEvent;

/// <summary>An order changed (new, fill, cancel, expiry...).</summary>
public sealed record OrderUpdated : UserDataEvent
{
    public required OrderSnapshot Order { get; init; }
    public required ExecutionType ExecutionType { get; init; }

    /// <summary>The fill this update reports, when <see cref="ExecutionType"/> is a trade.</summary>
    public Fill? LastFill { get; init; }

    /// <summary>Venue reason for a rejection or expiry, when it gives one.</summary>
    public string? Reason { get; init; }
}

/// <summary>A futures conditional (algo) order changed.</summary>
public sealed record AlgoOrderUpdated : UserDataEvent
{
    public required AlgoOrderSnapshot Order { get; init; }
}

/// <summary>Balances and/or positions changed.</summary>
public sealed record AccountUpdated : UserDataEvent
{
    public string Reason { get; init; } = string.Empty;
    public IReadOnlyList<Balance> Balances { get; init; } = [];

    /// <summary>Futures only: positions whose state changed.</summary>
    public IReadOnlyList<Position> Positions { get; init; } = [];
}

/// <summary>A spot order list (OCO) changed.</summary>
public sealed record OrderListUpdated : UserDataEvent
{
    public required OrderListSnapshot OrderList { get; init; }
}
