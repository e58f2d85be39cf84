using System.Collections.Concurrent;
using TradingActors.Exchange;

namespace TradingActors.Binance.Common;

/// <summary>Symbol rules loaded from exchangeInfo once, reloaded when an unknown symbol is asked for.</summary>
internal sealed class SymbolRulesCache(Func<CancellationToken, Task<IReadOnlyList<SymbolRules>>> load)
{
    private readonly ConcurrentDictionary<Symbol, SymbolRules> _rules = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SymbolRules> GetAsync(Symbol symbol, CancellationToken ct)
    {
        if (_rules.TryGetValue(symbol, out var rules))
        {
            return rules;
        }

        await ReloadAsync(ct).ConfigureAwait(false);
        return _rules.TryGetValue(symbol, out rules)
            ? rules
            : throw new ArgumentException($"Symbol {symbol} is not listed by the exchange.", nameof(symbol));
    }

    public async Task<IReadOnlyList<SymbolRules>> ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var all = await load(ct).ConfigureAwait(false);
            foreach (var rule in all)
            {
                _rules[rule.Symbol] = rule;
            }

            return all;
        }
        finally
        {
            _gate.Release();
        }
    }
}
