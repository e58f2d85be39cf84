using System.Net;
using System.Text.Json;

namespace TradingActors.Binance.Common;

/// <summary>
/// Decides what a REST answer means. Only an explicit error from the venue is a rejection; any 5xx,
/// a futures 408, spot -1007, a timeout or a broken connection leave the outcome unknown.
/// </summary>
internal static class RestOutcomeClassifier
{
    public static RestResult Classify(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return new RestResult.Success(body);
        }

        var error = TryParseError(body);
        if (status == HttpStatusCode.TooManyRequests || code == 418)
        {
            return new RestResult.Throttled(
                error?.Code ?? BinanceErrorCodes.TooManyRequests,
                error?.Message ?? $"HTTP {code}",
                retryAfter,
                Ban: code == 418);
        }

        if (code >= 500)
        {
            return new RestResult.Unknown($"HTTP {code}: {Describe(error, body)}");
        }

        if (status == HttpStatusCode.RequestTimeout)
        {
            return new RestResult.Unknown($"HTTP 408 backend timeout: {Describe(error, body)}");
        }

        if (error is { Code: BinanceErrorCodes.BackendTimeout })
        {
            return new RestResult.Unknown($"{error.Code}: {error.Message}");
        }

        return error is null
            ? new RestResult.Rejected(BinanceErrorCodes.ForHttpStatus(code), $"HTTP {code}: {Truncate(body)}")
            : new RestResult.Rejected(error.Code, error.Message);
    }

    /// <summary>A request that got no answer: timeout, connection reset, DNS failure after send...</summary>
    public static RestResult.Unknown ClassifyException(Exception exception, TimeSpan timeout) => exception switch
    {
        OperationCanceledException => new RestResult.Unknown($"no response within {timeout.TotalMilliseconds:0} ms"),
        HttpRequestException http => new RestResult.Unknown($"transport error: {http.Message}"),
        IOException io => new RestResult.Unknown($"transport error: {io.Message}"),
        _ => new RestResult.Unknown($"{exception.GetType().Name}: {exception.Message}"),
    };

    public static BinanceError? TryParseError(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                && code.TryGetInt32(out var value))
            {
                var msg = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty;
                return new BinanceError(value, msg);
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static string Describe(BinanceError? error, string body) =>
        error is null ? Truncate(body) : $"{error.Code} {error.Message}";

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "...";
}

/// <summary>A Binance error body <c>{"code":-1121,"msg":"Invalid symbol."}</c>.</summary>
internal sealed record BinanceError(int Code, string Message);
