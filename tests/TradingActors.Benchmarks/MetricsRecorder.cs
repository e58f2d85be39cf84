using System.Diagnostics.Metrics;
using TradingActors.Trading;

namespace TradingActors.Benchmarks;

/// <summary>
/// Listens to the trading actors' histograms (<see cref="TradingMetrics"/>) during a run, so a benchmark can break a
/// path's latency down by what the production code itself measures (journal writes by entity, tick to order).
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly Lock _gate = new();

    public MetricsRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TradingMetrics.MeterName && instrument is Histogram<double>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var name = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == "entity")
                {
                    name += $"{{entity={tag.Value}}}";
                }
            }

            lock (_gate)
            {
                if (!_values.TryGetValue(name, out var list))
                {
                    _values[name] = list = [];
                }

                list.Add(value * 1000);
            }
        });
        _listener.Start();
    }

    /// <summary>The recorded values of <paramref name="series"/> (e.g. <c>journal_persist_seconds{entity=intent}</c>), in milliseconds.</summary>
    public double[] Milliseconds(string series)
    {
        lock (_gate)
        {
            return _values.TryGetValue(series, out var list) ? [.. list] : [];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _values.Clear();
        }
    }

    public void Dispose() => _listener.Dispose();
}
