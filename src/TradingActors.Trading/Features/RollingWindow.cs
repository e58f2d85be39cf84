namespace TradingActors.Trading.Features;

/// <summary>The last N values with their running sum, for means and standard deviations in O(1) per update.</summary>
public sealed class RollingWindow
{
    private readonly decimal[] _values;
    private int _next;
    private decimal _sum;

    public RollingWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _values = new decimal[size];
    }

    public int Count { get; private set; }

    public bool IsFull => Count == _values.Length;

    public decimal Mean => Count == 0 ? 0m : _sum / Count;

    /// <summary>Sample standard deviation (n - 1), computed from the stored values to avoid drift.</summary>
    public decimal StandardDeviation
    {
        get
        {
            if (Count < 2)
            {
                return 0m;
            }

            var mean = Mean;
            var squares = 0m;
            for (var i = 0; i < Count; i++)
            {
                var delta = _values[i] - mean;
                squares += delta * delta;
            }

            return DecimalMath.Sqrt(squares / (Count - 1));
        }
    }

    public void Add(decimal value)
    {
        if (IsFull)
        {
            _sum -= _values[_next];
        }
        else
        {
            Count++;
        }

        _values[_next] = value;
        _sum += value;
        _next = (_next + 1) % _values.Length;
    }
}
