using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TradingActors.Binance.Common;

/// <summary>The Binance client's instruments: how long each REST request takes, and the request weight the venue reports used.</summary>
public static class BinanceMetrics
{
    public const string MeterName = "TradingActors.Binance";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Request = Meter.CreateHistogram<double>(
        "request_seconds", "s", "One REST request to the exchange, from send to the whole answer, by method, path and outcome.");

    private static readonly Histogram<long> Weight = Meter.CreateHistogram<long>(
        "weight_used", description: "The request weight used in the current minute, as the venue reported it after each answer.");

    public static void Requested(HttpMethod method, string path, string outcome, long startedTimestamp) =>
        Request.Record(
            Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("method", method.Method), new KeyValuePair<string, object?>("path", path), new KeyValuePair<string, object?>("outcome", outcome));

    public static void WeightUsed(string path, int weight) =>
        Weight.Record(weight, new KeyValuePair<string, object?>("api", path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "unknown"));
}
