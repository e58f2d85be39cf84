using System.Text.RegularExpressions;

namespace TradingActors.Simulator.Engine;

/// <summary>
/// The simulated exchange without any I/O: books, balances, positions and triggers for spot and USD-M futures.
/// One lock guards all state; events go to the sink in the order they happen, raised under that lock, so the sink
/// must not block or call back into the engine.
/// </summary>
public sealed partial class ExchangeEngine
{

    /// <summary>Finished orders and trades kept per symbol and market for queries (Binance forgets old ones too).</summary>
    private const int MaxHistory = 20_000;

    private readonly Lock _gate = new();
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<EngineEvent> _sink;
    private readonly IPricePath _path;
    private readonly Dictionary<string, Book> _spot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Book> _futures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal Free, decimal Locked)> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<long, OrderList> _lists = [];
    private readonly List<(long Time, FuturesAccountSnapshot Account)> _futuresHistory = [];
    private readonly List<(long Time, IReadOnlyList<BalanceSnapshot> Balances)> _spotHistory = [];
    private decimal _wallet;
    private bool _spotBnbBurn;
    private long _nextOrderId = 1_000_000;
    private long _nextListId = 1;
    private long _nextAlgoId = 5_000_000;
    private long _stepIndex;
    private long _lastStepMs;

    public ExchangeEngine(EngineOptions options, TimeProvider time, Action<EngineEvent>? sink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _sink = sink ?? (_ => { });
        _path = options.PricePath ?? new RandomWalkPricePath(options.Seed);
        foreach (var symbol in options.Symbols)
        {
            var start = options.StartPrices.TryGetValue(symbol, out var p) ? p : 100m;
            _spot[symbol] = NewBook(symbol, MarketKind.Spot, start);
            _futures[symbol] = NewBook(symbol, MarketKind.Futures, start);
        }

        foreach (var (asset, amount) in options.SpotBalances)
        {
            _balances[asset] = (amount, 0m);
        }

        _wallet = options.FuturesWalletBalance;
        _spotBnbBurn = options.SpotBnbBurn;
        _lastStepMs = NowMs;
        InitAccountRecords();
        RecordSpotHistory();
        RecordFuturesHistory();
    }

    public EngineOptions Options => _options;

    public IReadOnlyList<string> Symbols => _options.Symbols;

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public SymbolRules Rules(MarketKind market, string symbol)
    {
        lock (_gate)
        {
            return BookOf(market, symbol).Rules;
        }
    }

    public bool HasSymbol(string symbol) => _spot.ContainsKey(symbol);

    public PriceSnapshot Price(MarketKind market, string symbol)
    {
        lock (_gate)
        {
            return PriceOf(BookOf(market, symbol));
        }
    }

    /// <summary>Jumps a price (and the futures mark, unless given separately), then fills and triggers what it crosses.</summary>
    public void SetPrice(MarketKind market, string symbol, decimal price, decimal? markPrice = null)
    {
        if (price <= 0 || markPrice <= 0)
        {
            throw Errors.InvalidParameter("Price must be positive.");
        }

        lock (_gate)
        {
            var book = BookOf(market, symbol);
            book.Last = RoundToTick(price, book.Rules.TickSize);
            book.Mark = market == MarketKind.Futures ? markPrice ?? book.Last : book.Last;
            OnPriceMoved(book);
        }
    }

    /// <summary>Runs the price path up to the clock's now, one step per <see cref="EngineOptions.PriceStep"/>.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var stepMs = Math.Max(1, (long)_options.PriceStep.TotalMilliseconds);
            var now = NowMs;
            while (_lastStepMs + stepMs <= now)
            {
                _lastStepMs += stepMs;
                _stepIndex++;
                foreach (var symbol in _options.Symbols)
                {
                    StepSymbol(symbol);
                }

                SettleFunding(_lastStepMs);
            }

            SettleFunding(now);
        }
    }

    private void StepSymbol(string symbol)
    {
        var spot = _spot[symbol];
        var futures = _futures[symbol];
        var next = _path.Next(symbol, spot.Last, _stepIndex);
        if (next is not { } nextPrice || nextPrice <= 0)
        {
            return;
        }

        var ratio = nextPrice / spot.Last;
        spot.Last = RoundToTick(nextPrice, spot.Rules.TickSize);
        spot.Mark = spot.Last;
        futures.Last = RoundToTick(futures.Last * ratio, futures.Rules.TickSize);
        futures.Mark = futures.Mark * ratio;
        foreach (var book in new[] { spot, futures })
        {
            // A small synthetic print per step keeps aggTrade and kline volume alive without touching any account.
            book.Candles.Update(NowMs, book.Last, book.Rules.StepSize);
            Print(book, book.NextTradeId++, book.Last, book.Rules.StepSize, ratio < 1);
            OnPriceMoved(book);
        }
    }

    /// <summary>Candles from one-minute history, aggregated to <paramref name="intervalMs"/> (a whole number of minutes).</summary>
    public IReadOnlyList<Kline> Klines(MarketKind market, string symbol, long intervalMs, long? startTime, long? endTime, int limit)
    {
        lock (_gate)
        {
            return BookOf(market, symbol).Candles.Query(intervalMs, startTime, endTime, limit);
        }
    }

    private void OnPriceMoved(Book book)
    {
        book.Candles.Update(NowMs, book.Last, 0);
        var previous = book.DepthLast;
        if (book.Last != book.DepthLast)
        {
            book.DepthUpdateId++;
            book.DepthLast = book.Last;
        }

        Raise(new PriceChanged(PriceOf(book), previous, NowMs));
        if (book.Rules.Market == MarketKind.Spot)
        {
            SpotPriceMoved(book);
        }
        else
        {
            FuturesPriceMoved(book);
        }
    }

    private Book NewBook(string symbol, MarketKind market, decimal start)
    {
        var rules = SymbolRules.Default(symbol, market, start);
        var price = RoundToTick(start, rules.TickSize);
        var candles = new CandleSeries(symbol, price, NowMs, _options.Seed, _options.KlineHistoryMinutes);
        return new Book { Rules = rules, Last = price, Mark = price, DepthLast = price, Candles = candles };
    }

    private Book BookOf(MarketKind market, string symbol) =>
        (market == MarketKind.Spot ? _spot : _futures).TryGetValue(symbol, out var book) ? book : throw Errors.InvalidSymbol();

    private PriceSnapshot PriceOf(Book book)
    {
        var (bid, ask) = BestBidAsk(book);
        var qty = LevelQty(book);
        return new PriceSnapshot(book.Rules.Market, book.Rules.Symbol, book.Last, book.Mark, book.Mark, bid, ask, NowMs)
        {
            BidQty = qty,
            AskQty = qty,
            UpdateId = book.DepthUpdateId,
        };
    }

    private void Raise(EngineEvent engineEvent) => _sink(engineEvent);

    private long NextOrderId() => _nextOrderId++;

    private static string NewClientId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..22];

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,36}$")]
    private static partial Regex SpotClientId();

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$")]
    private static partial Regex FuturesClientId();

    internal static decimal RoundToTick(decimal value, decimal tick) => tick <= 0 ? value : Math.Round(value / tick, MidpointRounding.AwayFromZero) * tick;

    internal static decimal FloorToStep(decimal value, decimal step) => step <= 0 ? value : Math.Floor(value / step) * step;

    internal static decimal CeilToStep(decimal value, decimal step) => step <= 0 ? value : Math.Ceiling(value / step) * step;
}
