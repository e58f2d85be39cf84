namespace TradingActors.Simulator.Ledger;

/// <summary>Every order request received, in arrival order, so tests can count what a client really sent.</summary>
public sealed class OrderLedger
{
    private const int Capacity = 100_000;
    private readonly Lock _gate = new();
    private readonly List<LedgerEntry> _entries = [];
    private long _sequence;

    public LedgerEntry Record(Func<long, LedgerEntry> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            var entry = create(++_sequence);
            if (_entries.Count >= Capacity)
            {
                _entries.RemoveRange(0, Capacity / 10);
            }

            _entries.Add(entry);
            return entry;
        }
    }

    public IReadOnlyList<LedgerEntry> Entries(string? symbol = null, string? clientId = null, string? market = null)
    {
        lock (_gate)
        {
            return _entries
                .Where(e => (symbol is null || e.Symbol == symbol)
                    && (clientId is null || e.ClientId == clientId)
                    && (market is null || string.Equals(e.Market, market, StringComparison.OrdinalIgnoreCase)))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
