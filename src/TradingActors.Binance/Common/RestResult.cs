namespace TradingActors.Binance.Common;

/// <summary>The classified result of one REST call.</summary>
internal abstract record RestResult
{
    private RestResult()
    {
    }

    /// <summary>2xx: the body is the venue's answer.</summary>
    public sealed record Success(string Body) : RestResult;

    /// <summary>A definite refusal: the venue did not act on the request.</summary>
    public sealed record Rejected(int Code, string Message) : RestResult;

    /// <summary>The venue may or may not have acted (timeout, 5xx, -1007, transport failure).</summary>
    public sealed record Unknown(string Reason) : RestResult;

    /// <summary>429 or 418: refused for rate limiting; <paramref name="Ban"/> for 418.</summary>
    public sealed record Throttled(int Code, string Message, TimeSpan? RetryAfter, bool Ban) : RestResult;
}
