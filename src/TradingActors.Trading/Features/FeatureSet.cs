using TradingActors.Trading.Strategy.Rules;

namespace TradingActors.Trading.Features;

/// <summary>
/// Computes exactly the features a strategy's rules read. Indicators advance on each closed bar; book
/// and mark fields hold the latest quote. A snapshot is taken at every bar close, so "previous" in a
/// crossover means the previous bar.
/// </summary>
public sealed class FeatureSet
{
    private readonly Dictionary<FeatureKey, IIndicator> _indicators = [];
    private readonly HashSet<FeatureKey> _fields = [];
    private readonly Dictionary<FeatureKey, decimal> _quotes = [];
    private IReadOnlyDictionary<FeatureKey, decimal> _previous = new Dictionary<FeatureKey, decimal>();

    public FeatureSet(IEnumerable<FeatureKey> required)
    {
        foreach (var key in required)
        {
            if (key.Period is { } period)
            {
                _indicators.TryAdd(key, CreateIndicator(key.Name, period));
            }
            else if (RuleParser.Fields.Contains(key.Name))
            {
                _fields.Add(key);
            }
            else
            {
                throw new ArgumentException($"Unknown feature '{key}'.", nameof(required));
            }
        }
    }

    public IReadOnlyCollection<FeatureKey> Keys => [.. _indicators.Keys, .. _fields];

    public static IIndicator CreateIndicator(string name, int period) => name switch
    {
        "ema" => new ExponentialMovingAverage(period),
        "sma" => new SimpleMovingAverage(period),
        "rsi" => new RelativeStrengthIndex(period),
        "atr" => new AverageTrueRange(period),
        "volatility" => new ReturnVolatility(period),
        "volume_z" => new VolumeZScore(period),
        "return" => new PeriodReturn(period),
        _ => throw new ArgumentException($"Unknown indicator '{name}'.", nameof(name)),
    };

    /// <summary>Records the latest best bid and ask (for <c>bid</c>, <c>ask</c>, <c>mid</c>, <c>spread_bps</c>).</summary>
    public void OnBook(decimal bid, decimal ask)
    {
        if (bid <= 0m || ask <= 0m || ask < bid)
        {
            return;
        }

        var mid = (bid + ask) / 2m;
        _quotes[new FeatureKey("bid")] = bid;
        _quotes[new FeatureKey("ask")] = ask;
        _quotes[new FeatureKey("mid")] = mid;
        _quotes[new FeatureKey("spread_bps")] = (ask - bid) / mid * 10_000m;
    }

    public void OnMarkPrice(decimal markPrice) => _quotes[new FeatureKey("mark")] = markPrice;

    /// <summary>Advances every indicator by one closed bar and returns the features as of its close.</summary>
    public FeatureSnapshot OnBar(Bar bar, DateTimeOffset closeTime)
    {
        _quotes[new FeatureKey("open")] = bar.Open;
        _quotes[new FeatureKey("high")] = bar.High;
        _quotes[new FeatureKey("low")] = bar.Low;
        _quotes[new FeatureKey("close")] = bar.Close;
        _quotes[new FeatureKey("volume")] = bar.Volume;

        var values = new Dictionary<FeatureKey, decimal>();
        foreach (var (key, indicator) in _indicators)
        {
            indicator.Update(bar);
            if (indicator.Value is { } value)
            {
                values[key] = value;
            }
        }

        foreach (var key in _fields)
        {
            if (_quotes.TryGetValue(key, out var value))
            {
                values[key] = value;
            }
        }

        var snapshot = new FeatureSnapshot(closeTime, values, _previous);
        _previous = values;
        return snapshot;
    }
}
