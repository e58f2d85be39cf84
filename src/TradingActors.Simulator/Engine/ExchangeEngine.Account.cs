namespace TradingActors.Simulator.Engine;

/// <summary>Futures account records: leverage brackets, income, funding settlements; and rolling tickers for both markets.</summary>
public sealed partial class ExchangeEngine
{
    private readonly List<IncomeRecord> _income = [];
    private readonly List<FundingRecord> _funding = [];
    private IReadOnlyList<LeverageBracket> _brackets = [];
    private long _nextTranId = 9_000_000;
    private long _nextFundingMs;

    public IReadOnlyList<LeverageBracket> Brackets => _brackets;

    /// <summary>When the next funding settlement happens (premiumIndex <c>nextFundingTime</c>).</summary>
    public long NextFundingTime
    {
        get
        {
            lock (_gate)
            {
                return _nextFundingMs;
            }
        }
    }

    public IReadOnlyList<IncomeRecord> Income(string? symbol, string? incomeType, HistoryQuery query)
    {
        lock (_gate)
        {
            var matches = _income.Where(i => (symbol is null || i.Symbol == symbol) && (incomeType is null || i.IncomeType == incomeType));
            return query.Page(matches, i => i.TranId, i => i.Time);
        }
    }

    public IReadOnlyList<FundingRecord> FundingHistory(string? symbol, HistoryQuery query)
    {
        lock (_gate)
        {
            return query.Page(_funding.Where(f => symbol is null || f.Symbol == symbol), f => f.FundingTime, f => f.FundingTime);
        }
    }

    /// <summary>Open, high, low, close, volume and trade ids over the last <paramref name="windowMs"/> (from one-minute candles and the tape).</summary>
    public TickerStats Ticker(MarketKind market, string symbol, long windowMs)
    {
        lock (_gate)
        {
            var book = BookOf(market, symbol);
            var now = NowMs;
            var since = now - windowMs;
            var candles = book.Candles.Query(60_000, since - (since % 60_000), null, int.MaxValue);
            var prints = book.Tape.Where(t => t.Time >= since).ToList();
            var open = candles.Count > 0 ? candles[0].Open : book.Last;
            return new TickerStats(
                symbol,
                open,
                candles.Count > 0 ? Math.Max(candles.Max(c => c.High), book.Last) : book.Last,
                candles.Count > 0 ? Math.Min(candles.Min(c => c.Low), book.Last) : book.Last,
                book.Last,
                prints.Count > 0 ? prints[^1].Qty : 0,
                candles.Sum(c => c.Volume),
                candles.Sum(c => c.QuoteVolume),
                since,
                now,
                prints.Count > 0 ? prints[0].Id : -1,
                prints.Count > 0 ? prints[^1].Id : -1,
                prints.Count > 0 ? prints.Count : candles.Sum(c => c.Trades));
        }
    }

    private void InitAccountRecords()
    {
        _brackets = LeverageBrackets.For(_options);
        var interval = FundingIntervalMs;
        _nextFundingMs = ((NowMs / interval) + 1) * interval;

        // A month of past settlements, so clients that read funding history at start find some.
        for (var t = _nextFundingMs - (90 * interval); t < _nextFundingMs; t += interval)
        {
            foreach (var book in _futures.Values)
            {
                _funding.Add(new FundingRecord(book.Rules.Symbol, _options.FundingRate, t, book.Mark));
            }
        }
    }

    private long FundingIntervalMs => Math.Max(1, (long)_options.FundingInterval.TotalMilliseconds);

    private void AddIncome(string symbol, string type, decimal amount, long? tradeId, long? time = null)
    {
        _income.Add(new IncomeRecord(_nextTranId++, symbol, type, amount, "USDT", tradeId, time ?? NowMs));
        if (_income.Count > MaxHistory + (MaxHistory / 10))
        {
            _income.RemoveRange(0, _income.Count - MaxHistory);
        }
    }

    /// <summary>
    /// Settles funding at each interval boundary up to <paramref name="upToMs"/>: a long pays mark * amount * rate when the
    /// rate is positive, a short receives it. Charged to the wallet, recorded as FUNDING_FEE income and announced.
    /// </summary>
    private void SettleFunding(long upToMs)
    {
        while (_nextFundingMs <= upToMs)
        {
            var at = _nextFundingMs;
            _nextFundingMs += FundingIntervalMs;
            foreach (var book in _futures.Values)
            {
                _funding.Add(new FundingRecord(book.Rules.Symbol, _options.FundingRate, at, book.Mark));
                var amount = book.Position.Amount;
                if (amount == 0)
                {
                    continue;
                }

                var fee = Math.Round(-amount * book.Mark * _options.FundingRate, 8, MidpointRounding.AwayFromZero);
                _wallet += fee;
                book.Position.UpdateTime = NowMs;
                AddIncome(book.Rules.Symbol, "FUNDING_FEE", fee, null, at);
                Raise(new FuturesAccountChanged("FUNDING_FEE", _wallet, [PositionOf(book)], NowMs));
                RecordFuturesHistory();
            }
        }
    }
}
