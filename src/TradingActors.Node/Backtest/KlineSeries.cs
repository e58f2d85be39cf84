using TradingActors.Exchange;

namespace TradingActors.Node.Backtest;

/// <summary>
/// The candles of one symbol, in time order, for one market (or both, when the file did not say which). Gaps (bars
/// missing between two recorded ones) are listed, not bridged: no price moves during them.
/// </summary>
public sealed record KlineSeries(Symbol Symbol, Market? Market, TimeSpan Interval, IReadOnlyList<KlineBar> Bars, IReadOnlyList<string> Sources)
{
    public IReadOnlyList<DataGap> Gaps { get; init; } = [];

    public bool Serves(Market market) => Market is null || Market == market;

    public string Name => Market is { } m ? $"{Symbol} {m.ToString().ToLowerInvariant()}" : Symbol.ToString();
}

/// <summary>Bars missing from a series: <see cref="Missing"/> intervals between <see cref="From"/> and <see cref="To"/>.</summary>
public sealed record DataGap(string Series, DateTimeOffset From, DateTimeOffset To, long Missing);
