using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TradingActors.Binance.Common;

/// <summary>How a REST endpoint is secured.</summary>
internal enum EndpointSecurity
{
    None,

    /// <summary>API key header only (listen keys).</summary>
    ApiKey,

    /// <summary>API key header, timestamp, recvWindow and signature (TRADE, USER_DATA).</summary>
    Signed,
}

/// <summary>
/// The HTTP core shared by the spot and futures raw clients: signing, server-time sync, rate limits,
/// timeouts, outcome classification and redacted logging. Parameters travel in the query string, so
/// the signature covers exactly what is sent.
/// </summary>
internal sealed class BinanceRestClient
{
    internal const int MaxThrottleRetries = 3;
    private static TimeSpan DefaultRetryAfter => TimeSpan.FromSeconds(5);
    private static TimeSpan DefaultBan => TimeSpan.FromMinutes(2);

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string _timePath;
    private readonly BinanceCredentials _credentials;
    private readonly BinanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    public BinanceRestClient(
        HttpClient http, Uri baseUri, string timePath, BinanceCredentials credentials, BinanceOptions options,
        BinanceRateLimiter rateLimiter, TimeProvider time, ILogger logger)
    {
        _http = http;
        _baseUri = baseUri;
        _timePath = timePath;
        _credentials = credentials;
        _options = options;
        RateLimiter = rateLimiter;
        _time = time;
        _logger = logger;
        _redactor = new SecretRedactor(credentials);
        Clock = new ServerClock(time);
    }

    public BinanceRateLimiter RateLimiter { get; }

    public ServerClock Clock { get; }

    /// <summary>Sends one request and classifies the answer; 429s are waited out and retried, a 418 never is.</summary>
    public async Task<RestResult> SendAsync(
        HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters,
        EndpointSecurity security, int weight, bool isOrder, CancellationToken ct)
    {
        var resynced = false;
        for (var attempt = 0; ; attempt++)
        {
            if (!await RateLimiter.WaitToSendAsync(weight, isOrder, _options.MaxRateLimitWait, ct).ConfigureAwait(false))
            {
                var until = RateLimiter.BannedUntil;
                return new RestResult.Rejected(
                    BinanceErrorCodes.TooManyRequests,
                    until is { } u ? $"Not sent: IP banned until {u:O}." : "Not sent: rate limit wait exceeds the configured maximum.");
            }

            if (security == EndpointSecurity.Signed && Clock.NeedsSync(_options.TimeSyncInterval))
            {
                await SyncTimeAsync(ct).ConfigureAwait(false);
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await SendOnceAsync(method, path, parameters, security, ct).ConfigureAwait(false);
            BinanceMetrics.Requested(method, path, result.GetType().Name.ToLowerInvariant(), started);
            switch (result)
            {
                case RestResult.Throttled { Ban: true } ban:
                    RateLimiter.OnThrottled(ban.RetryAfter ?? DefaultBan, ban: true);
                    _logger.LogError("Binance IP ban (418) on {Path}; nothing is sent for {Seconds} s.", path, (ban.RetryAfter ?? DefaultBan).TotalSeconds);
                    return new RestResult.Rejected(ban.Code, $"IP banned (HTTP 418): {ban.Message}");
                case RestResult.Throttled throttled:
                    RateLimiter.OnThrottled(throttled.RetryAfter ?? DefaultRetryAfter, ban: false);
                    _logger.LogWarning("Binance rate limit (429) on {Path}; waiting {Seconds} s.", path, (throttled.RetryAfter ?? DefaultRetryAfter).TotalSeconds);
                    if (attempt >= MaxThrottleRetries)
                    {
                        return new RestResult.Rejected(throttled.Code, throttled.Message);
                    }

                    continue;
                case RestResult.Rejected { Code: BinanceErrorCodes.TimestampOutsideRecvWindow } when security == EndpointSecurity.Signed && !resynced:
                    // A -1021 is a certain refusal, so one resend after resyncing the clock cannot duplicate anything.
                    resynced = true;
                    Clock.Invalidate();
                    continue;
                default:
                    return result;
            }
        }
    }

    /// <summary>Measures the offset between the local clock and the venue's.</summary>
    public async Task SyncTimeAsync(CancellationToken ct)
    {
        await _syncGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var sentAt = _time.GetUtcNow();
            var result = await SendOnceAsync(HttpMethod.Get, _timePath, [], EndpointSecurity.None, ct).ConfigureAwait(false);
            var receivedAt = _time.GetUtcNow();
            if (result is RestResult.Success success)
            {
                using var doc = JsonDocument.Parse(success.Body);
                Clock.Update(doc.RootElement.GetProperty("serverTime").GetInt64(), sentAt, receivedAt);
                _logger.LogDebug("Binance server time offset {Offset} ms.", Clock.Offset.TotalMilliseconds);
            }
            else
            {
                _logger.LogWarning("Binance time sync failed: {Result}", result);
            }
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private async Task<RestResult> SendOnceAsync(
        HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> parameters,
        EndpointSecurity security, CancellationToken ct)
    {
        var query = BuildQuery(parameters, security);
        var uri = new Uri(_baseUri, query.Length == 0 ? path : path + "?" + query);
        using var request = new HttpRequestMessage(method, uri);
        if (security != EndpointSecurity.None)
        {
            request.Headers.Add("X-MBX-APIKEY", _credentials.ApiKey);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Binance -> {Method} {Uri} X-MBX-APIKEY: {ApiKey}", method, _redactor.Redact(uri.ToString()), _redactor.Redact(_credentials.ApiKey));
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            RateLimiter.Observe(response.Headers);
            BinanceMetrics.WeightUsed(path, RateLimiter.UsedWeight);
            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("Binance <- {Status} {Path} {Body}", (int)response.StatusCode, path, _redactor.Redact(Truncate(body)));
            }

            return RestOutcomeClassifier.Classify(response.StatusCode, body, retryAfter);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            var unknown = RestOutcomeClassifier.ClassifyException(ex, _options.RequestTimeout);
            if (ct.IsCancellationRequested)
            {
                unknown = new RestResult.Unknown("cancelled by the caller while the request was in flight");
            }

            _logger.LogWarning("Binance {Method} {Path}: outcome unknown ({Reason}).", method, path, _redactor.Redact(unknown.Reason));
            return unknown;
        }
    }

    private string BuildQuery(IReadOnlyList<KeyValuePair<string, string>> parameters, EndpointSecurity security)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            Append(builder, key, value);
        }

        if (security == EndpointSecurity.Signed)
        {
            Append(builder, "recvWindow", ((long)_options.RecvWindow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Append(builder, "timestamp", Clock.NowMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var signature = BinanceSignature.Sign(_credentials.ApiSecret, builder.ToString());
            Append(builder, "signature", signature);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string key, string value)
    {
        if (builder.Length > 0)
        {
            builder.Append('&');
        }

        builder.Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string Truncate(string body) => body.Length <= 2000 ? body : body[..2000] + "...";
}
