using System.Diagnostics;
using System.Diagnostics.Metrics;
using TradingActors.Exchange;
using TradingActors.Trading.Domain;

namespace TradingActors.Trading.Tests.Metrics;

public sealed class TradingMetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(double Seconds, string? Market)> _tickToOrder = [];

    public TradingMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TradingMetrics.MeterName && instrument.Name == "tick_to_order_seconds")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? market = null;
            foreach (var tag in tags)
            {
                market = tag.Key == "market" ? tag.Value as string : market;
            }

            lock (_tickToOrder)
            {
                _tickToOrder.Add((value, market));
            }
        });
        _listener.Start();
    }

    [Fact]
    public void The_first_order_of_a_decided_entry_records_its_tick_to_order_latency()
    {
        var position = PositionId.New();
        var triggered = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 100;

        TradingMetrics.EntryDecided(position, triggered);
        TradingMetrics.OrderHandedOver(Market.Futures, position);
        TradingMetrics.OrderHandedOver(Market.Futures, position);

        var recorded = Assert.Single(Recorded());
        Assert.InRange(recorded.Seconds, 0.01, 60);
        Assert.Equal("futures", recorded.Market);
    }

    [Fact]
    public void Orders_of_positions_no_strategy_decided_record_nothing()
    {
        TradingMetrics.OrderHandedOver(Market.Spot, PositionId.New());
        TradingMetrics.OrderHandedOver(Market.Spot, null);

        Assert.Empty(Recorded());
    }

    public void Dispose() => _listener.Dispose();

    private List<(double Seconds, string? Market)> Recorded()
    {
        lock (_tickToOrder)
        {
            return [.. _tickToOrder];
        }
    }
}
