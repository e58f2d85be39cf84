namespace TradingActors.Trading.Features;

/// <summary>Builds one bar from the trades and quotes seen during it; a bar without trades takes the quote's mid.</summary>
public sealed class BarBuilder
{
    private decimal? _open;
    private decimal _high;
    private decimal _low;
    private decimal _close;
    private decimal _volume;
    private decimal? _lastPrice;

    public void OnTrade(decimal price, decimal quantity)
    {
        Observe(price);
        _volume += quantity;
    }

    public void OnQuote(decimal mid) => Observe(mid);

    /// <summary>The bar so far, and a fresh one begins; null while no price was ever seen.</summary>
    public Bar? Close(DateTimeOffset openTime)
    {
        if (_open is not { } open)
        {
            if (_lastPrice is not { } last)
            {
                return null;
            }

            return new Bar(openTime, last, last, last, last, 0m);
        }

        var bar = new Bar(openTime, open, _high, _low, _close, _volume);
        _open = null;
        _volume = 0m;
        return bar;
    }

    private void Observe(decimal price)
    {
        if (_open is null)
        {
            _open = price;
            _high = price;
            _low = price;
        }

        _high = Math.Max(_high, price);
        _low = Math.Min(_low, price);
        _close = price;
        _lastPrice = price;
    }
}
