using System.Security.Cryptography;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Streams;

/// <summary>Listen keys (futures, and the legacy spot flow): one live key per market, valid 60 minutes after its last keepalive.</summary>
internal sealed class ListenKeyRegistry(TimeProvider clock)
{
    private static readonly TimeSpan Validity = TimeSpan.FromMinutes(60);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (MarketKind Market, DateTimeOffset Expires)> _keys = new(StringComparer.Ordinal);

    /// <summary>Returns the market's live key, extended, or a new one (as Binance does).</summary>
    public string Create(MarketKind market)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var existing = _keys.FirstOrDefault(k => k.Value.Market == market && k.Value.Expires > now).Key;
            var key = existing ?? RandomNumberGenerator.GetHexString(64, lowercase: false);
            _keys[key] = (market, now + Validity);
            return key;
        }
    }

    public void Keepalive(MarketKind market, string key)
    {
        lock (_gate)
        {
            if (!IsActiveLocked(market, key))
            {
                throw Errors.ListenKeyMissing();
            }

            _keys[key] = (market, clock.GetUtcNow() + Validity);
        }
    }

    /// <summary>Extends the market's live key (futures keepalive names no key); -1125 when there is none.</summary>
    public string KeepaliveActive(MarketKind market)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var key = _keys.FirstOrDefault(k => k.Value.Market == market && k.Value.Expires > now).Key ?? throw Errors.ListenKeyMissing();
            _keys[key] = (market, now + Validity);
            return key;
        }
    }

    public void Close(MarketKind market, string key)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var entry) && entry.Market == market)
            {
                _keys.Remove(key);
            }
        }
    }

    public bool IsActive(MarketKind market, string key)
    {
        lock (_gate)
        {
            return IsActiveLocked(market, key);
        }
    }

    /// <summary>Expires the keys of a market (or all) now, or those whose time ran out; returns what expired.</summary>
    public IReadOnlyList<(MarketKind Market, string Key)> Expire(MarketKind? market, bool onlyOverdue)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var expired = _keys
                .Where(k => (market is null || k.Value.Market == market) && (!onlyOverdue || k.Value.Expires <= now))
                .Select(k => (k.Value.Market, k.Key))
                .ToList();
            foreach (var (_, key) in expired)
            {
                _keys.Remove(key);
            }

            return expired;
        }
    }

    private bool IsActiveLocked(MarketKind market, string key) =>
        _keys.TryGetValue(key, out var entry) && entry.Market == market && entry.Expires > clock.GetUtcNow();
}
