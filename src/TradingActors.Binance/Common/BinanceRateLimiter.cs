using System.Globalization;
using System.Net.Http.Headers;

namespace TradingActors.Binance.Common;

/// <summary>
/// Keeps a client below Binance's limits. It counts request weight and orders per window (corrected
/// by the <c>X-MBX-USED-WEIGHT-*</c> and <c>X-MBX-ORDER-COUNT-*</c> headers), waits for the window to
/// roll over before crossing the configured share of a limit, waits out a 429's Retry-After, and
/// refuses to send anything at all during a 418 ban.
/// </summary>
internal sealed class BinanceRateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Counter _weight;
    private readonly Counter[] _orders;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;

    public BinanceRateLimiter(int weightPerMinute, IReadOnlyList<(TimeSpan Window, int Limit)> orderLimits, decimal utilization, TimeProvider time)
    {
        _time = time;
        _weight = new Counter(TimeSpan.FromMinutes(1), Allowed(weightPerMinute, utilization));
        _orders = [.. orderLimits.Select(l => new Counter(l.Window, Allowed(l.Limit, utilization)))];
    }

    public static BinanceRateLimiter ForSpot(decimal utilization, TimeProvider time) =>
        new(6000, [(TimeSpan.FromSeconds(10), 50), (TimeSpan.FromDays(1), 160_000)], utilization, time);

    public static BinanceRateLimiter ForFutures(decimal utilization, TimeProvider time) =>
        new(2400, [(TimeSpan.FromSeconds(10), 300), (TimeSpan.FromMinutes(1), 1200)], utilization, time);

    public int UsedWeight
    {
        get
        {
            lock (_lock)
            {
                _weight.Roll(_time.GetUtcNow());
                return _weight.Used;
            }
        }
    }

    /// <summary>End of the current 418 ban, or null when not banned.</summary>
    public DateTimeOffset? BannedUntil
    {
        get
        {
            lock (_lock)
            {
                return _bannedUntil > _time.GetUtcNow() ? _bannedUntil : null;
            }
        }
    }

    /// <summary>
    /// Waits until a request of <paramref name="weight"/> may be sent and reserves it. Returns false,
    /// without waiting, while an IP ban lasts, or when the wait would exceed <paramref name="maxWait"/>.
    /// </summary>
    public async Task<bool> WaitToSendAsync(int weight, bool isOrder, TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + maxWait;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                if (_bannedUntil > now)
                {
                    return false;
                }

                wait = NeededWait(now, weight, isOrder);
                if (wait <= TimeSpan.Zero)
                {
                    _weight.Used += weight;
                    if (isOrder)
                    {
                        foreach (var counter in _orders)
                        {
                            counter.Used++;
                        }
                    }

                    return true;
                }

                if (now + wait > deadline)
                {
                    return false;
                }
            }

            await Task.Delay(wait, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the venue's own counts from a response.</summary>
    public void Observe(HttpResponseHeaders headers)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var header in headers)
            {
                var name = header.Key.ToUpperInvariant();
                var value = header.Value.FirstOrDefault();
                if (value is null || !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                {
                    continue;
                }

                if (name.StartsWith("X-MBX-USED-WEIGHT-", StringComparison.Ordinal)
                    && ParseInterval(name["X-MBX-USED-WEIGHT-".Length..]) == _weight.Window)
                {
                    _weight.Observe(now, count);
                }
                else if (name.StartsWith("X-MBX-ORDER-COUNT-", StringComparison.Ordinal))
                {
                    var window = ParseInterval(name["X-MBX-ORDER-COUNT-".Length..]);
                    foreach (var counter in _orders.Where(c => c.Window == window))
                    {
                        counter.Observe(now, count);
                    }
                }
            }
        }
    }

    /// <summary>Records a 429 (pause) or a 418 (ban): nothing is sent until it has passed.</summary>
    public void OnThrottled(TimeSpan retryAfter, bool ban)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (ban)
            {
                _bannedUntil = until > _bannedUntil ? until : _bannedUntil;
            }

            _blockedUntil = until > _blockedUntil ? until : _blockedUntil;
        }
    }

    /// <summary>Parses the header interval suffix <c>(n)(S|M|H|D)</c>, e.g. 1M, 10S, 1D.</summary>
    public static TimeSpan? ParseInterval(string suffix)
    {
        if (suffix.Length < 2 || !int.TryParse(suffix[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return char.ToUpperInvariant(suffix[^1]) switch
        {
            'S' => TimeSpan.FromSeconds(n),
            'M' => TimeSpan.FromMinutes(n),
            'H' => TimeSpan.FromHours(n),
            'D' => TimeSpan.FromDays(n),
            _ => null,
        };
    }

    private static int Allowed(int limit, decimal utilization) =>
        Math.Max(1, (int)decimal.Floor(limit * Math.Clamp(utilization, 0.05m, 1m)));

    private TimeSpan NeededWait(DateTimeOffset now, int weight, bool isOrder)
    {
        if (_blockedUntil > now)
        {
            return _blockedUntil - now;
        }

        _weight.Roll(now);
        if (_weight.Used > 0 && _weight.Used + weight > _weight.Allowed)
        {
            return _weight.NextWindow - now;
        }

        if (isOrder)
        {
            foreach (var counter in _orders)
            {
                counter.Roll(now);
                if (counter.Used + 1 > counter.Allowed)
                {
                    return counter.NextWindow - now;
                }
            }
        }

        return TimeSpan.Zero;
    }

    /// <summary>Usage within one fixed window aligned like Binance's (on whole intervals since the epoch).</summary>
    private sealed class Counter(TimeSpan window, int allowed)
    {
        public TimeSpan Window { get; } = window;

        public int Allowed { get; } = allowed;

        public int Used { get; set; }

        public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;

        public DateTimeOffset NextWindow => Start + Window;

        public void Roll(DateTimeOffset now)
        {
            var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Window.Ticks), TimeSpan.Zero);
            if (start != Start)
            {
                Start = start;
                Used = 0;
            }
        }

        public void Observe(DateTimeOffset now, int count)
        {
            Roll(now);
            Used = Math.Max(Used, count);
        }
    }
}
