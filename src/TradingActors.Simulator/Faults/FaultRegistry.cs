using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Faults;

/// <summary>The active faults; request handling asks it what to do, counts down finite faults and forgets used-up ones.</summary>
internal sealed class FaultRegistry(ExchangeEngine engine)
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<long, int> _remaining = [];
    private long _nextId = 1;

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules.Select(r => _remaining.TryGetValue(r.Id, out var left) ? r with { Count = left } : r).ToList();
            }
        }
    }

    public FaultRule Add(FaultRule rule)
    {
        if (!FaultKinds.All.Contains(rule.Kind))
        {
            throw Errors.InvalidParameter($"Unknown fault kind '{rule.Kind}'. Known: {string.Join(", ", FaultKinds.All)}.");
        }

        if (rule.Count is <= 0)
        {
            throw Errors.InvalidParameter("count must be positive.");
        }

        if (rule.LatencyMs < 0 || rule.LagMs < 0 || rule.RetryAfterSeconds < 0)
        {
            throw Errors.InvalidParameter("latencyMs, lagMs and retryAfterSeconds must not be negative.");
        }

        if (rule.Mode is not ("abort" or "hang"))
        {
            throw Errors.InvalidParameter("mode must be 'abort' or 'hang'.");
        }

        FaultRule added;
        lock (_gate)
        {
            // "Next" means one event unless the caller asks for more.
            added = rule with { Id = _nextId++, Count = rule.Kind == FaultKinds.DropNextUserEvent ? rule.Count ?? 1 : rule.Count };
            ApplySideEffects(added);
            if (added.Kind == FaultKinds.UserStreamDisconnect)
            {
                // Acts once, when configured: there is nothing left to match later.
                return added;
            }

            _rules.Add(added);
            if (added.Count is { } count && added.Kind != FaultKinds.ForcePartialFill)
            {
                _remaining[added.Id] = count;
            }
        }

        return added;
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                UndoSideEffects(rule);
            }

            _rules.Clear();
            _remaining.Clear();
        }
    }

    /// <summary>The first matching rule of <paramref name="kind"/>, consuming one of its uses; null if none applies.</summary>
    public FaultRule? Take(string kind, string? method, string? path, string? symbol, MarketKind? market)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Kind != kind || !Matches(rule, method, path, symbol, market))
                {
                    continue;
                }

                Consume(rule);
                return rule;
            }

            return null;
        }
    }

    /// <summary>Like <see cref="Take"/> but does not consume (position lag applies to every read while active).</summary>
    public FaultRule? Peek(string kind, string? method, string? path, string? symbol, MarketKind? market)
    {
        lock (_gate)
        {
            return _rules.FirstOrDefault(r => r.Kind == kind && Matches(r, method, path, symbol, market));
        }
    }

    public event Action<FaultRule>? UserStreamDisconnectRequested;

    private static bool Matches(FaultRule rule, string? method, string? path, string? symbol, MarketKind? market)
    {
        if (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.Endpoint is { } endpoint && (path is null || (endpoint.EndsWith('*') ? !path.StartsWith(endpoint[..^1], StringComparison.Ordinal) : endpoint != path)))
        {
            return false;
        }

        if (rule.Symbol is not null && rule.Symbol != symbol)
        {
            return false;
        }

        return rule.Market is null || market is null || string.Equals(rule.Market, Wire.Name(market.Value), StringComparison.OrdinalIgnoreCase);
    }

    private void Consume(FaultRule rule)
    {
        if (!_remaining.TryGetValue(rule.Id, out var left))
        {
            return;
        }

        if (left <= 1)
        {
            _remaining.Remove(rule.Id);
            _rules.Remove(rule);
        }
        else
        {
            _remaining[rule.Id] = left - 1;
        }
    }

    private void ApplySideEffects(FaultRule rule)
    {
        switch (rule.Kind)
        {
            case FaultKinds.OcoNotAllowed:
                engine.SetSpotFeatures(RequireSymbol(rule), ocoAllowed: false);
                break;
            case FaultKinds.StopsNotSupported:
                engine.SetSpotFeatures(RequireSymbol(rule), stopsAllowed: false);
                break;
            case FaultKinds.ForcePartialFill:
                foreach (var market in Markets(rule))
                {
                    engine.ForcePartialFills(market, RequireSymbol(rule), rule.Fraction, rule.Count ?? -1);
                }

                break;
            case FaultKinds.UserStreamDisconnect:
                UserStreamDisconnectRequested?.Invoke(rule);
                break;
        }
    }

    private void UndoSideEffects(FaultRule rule)
    {
        switch (rule.Kind)
        {
            case FaultKinds.OcoNotAllowed:
                engine.SetSpotFeatures(rule.Symbol!, ocoAllowed: true);
                break;
            case FaultKinds.StopsNotSupported:
                engine.SetSpotFeatures(rule.Symbol!, stopsAllowed: true);
                break;
            case FaultKinds.ForcePartialFill:
                foreach (var market in Markets(rule))
                {
                    engine.ForcePartialFills(market, rule.Symbol!, 1m, 0);
                }

                break;
        }
    }

    private string RequireSymbol(FaultRule rule) =>
        rule.Symbol is { } symbol && engine.HasSymbol(symbol) ? symbol : throw Errors.InvalidParameter($"Fault '{rule.Kind}' needs a configured 'symbol'.");

    private static IEnumerable<MarketKind> Markets(FaultRule rule) => rule.Market?.ToUpperInvariant() switch
    {
        "SPOT" => [MarketKind.Spot],
        "FUTURES" => [MarketKind.Futures],
        _ => [MarketKind.Spot, MarketKind.Futures],
    };
}
