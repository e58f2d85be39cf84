namespace TradingActors.Trading.Features;

/// <summary>A rolling indicator over closed bars. <see cref="Value"/> is null until enough bars were seen.</summary>
public interface IIndicator
{
    decimal? Value { get; }

    void Update(Bar bar);
}
