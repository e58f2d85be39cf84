using System.Globalization;

namespace TradingActors.Trading.Strategy.Rules;

/// <summary>Names one feature a rule reads: a bar or book field (<c>close</c>) or an indicator with its period (<c>ema(9)</c>).</summary>
public sealed record FeatureKey(string Name, int? Period = null)
{
    public override string ToString() =>
        Period is { } period ? string.Create(CultureInfo.InvariantCulture, $"{Name}({period})") : Name;
}
