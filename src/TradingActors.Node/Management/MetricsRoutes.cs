using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;
using TradingActors.Binance.Common;
using TradingActors.Trading;

namespace TradingActors.Node.Management;

/// <summary>
/// <c>GET /metrics</c>: every System.Diagnostics.Metrics instrument of the process (ours, ASP.NET Core's, the
/// runtime's) in Prometheus text format, through prometheus-net's meter adapter. The node's gauges are read once
/// per scrape, just before the exporter collects.
/// </summary>
public static class MetricsRoutes
{
    // prometheus-net starts its default meter adapter at the first scrape, and a MeterListener misses what was
    // measured before it listened: ours starts with the first node's routes instead, for the life of the process.
    private static readonly IDisposable Adapter = StartAdapter();

    public static void MapMetricsRoutes(IEndpointRouteBuilder app, TradingNode node)
    {
        GC.KeepAlive(Adapter);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(node);
        var metrics = new NodeMetrics(node);
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(metrics.Dispose);
        var scrape = app.CreateApplicationBuilder()
            .Use(async (http, next) =>
            {
                await metrics.RefreshAsync(http.RequestAborted);
                await next(http);
            })
            .UseMiddleware<MetricServerMiddleware>(new MetricServerMiddleware.Settings())
            .Build();
        app.Map("/metrics", scrape);
    }

    private static IDisposable StartAdapter()
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        var options = new MeterAdapterOptions();
        var defaults = options.ResolveHistogramBuckets;
        options.ResolveHistogramBuckets = instrument =>
            instrument.Unit == "s" && instrument.Meter.Name is TradingMetrics.MeterName or BinanceMetrics.MeterName
                ? [.. TradingMetrics.LatencyBuckets]
                : defaults(instrument);
        return MeterAdapter.StartListening(options);
    }
}
