using System.Net;
using TradingActors.Binance.Common;

namespace TradingActors.Binance.Tests.Common;

public sealed class RestOutcomeClassifierTests
{
    [Fact]
    public void A_2xx_answer_is_a_success_with_its_body()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.OK, "{\"orderId\":1}", null);

        Assert.Equal(new RestResult.Success("{\"orderId\":1}"), result);
    }

    [Fact]
    public void An_error_body_with_a_4xx_is_a_rejection_with_its_code_and_message()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.BadRequest, "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}", null);

        Assert.Equal(new RestResult.Rejected(-2010, "Account has insufficient balance for requested action."), result);
    }

    [Fact]
    public void Spot_backend_timeout_minus_1007_leaves_the_outcome_unknown()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.BadRequest, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; execution status unknown.\"}", null);

        Assert.IsType<RestResult.Unknown>(result);
    }

    [Fact]
    public void Futures_503_unknown_error_leaves_the_outcome_unknown()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.ServiceUnavailable, "{\"code\":-1000,\"msg\":\"Unknown error, please check your request or try again later.\"}", null);

        var unknown = Assert.IsType<RestResult.Unknown>(result);
        Assert.Contains("503", unknown.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(408)]
    public void Any_5xx_or_a_408_without_a_body_leaves_the_outcome_unknown(int status)
    {
        var result = RestOutcomeClassifier.Classify((HttpStatusCode)status, "<html>bad gateway</html>", null);

        Assert.IsType<RestResult.Unknown>(result);
    }

    [Fact]
    public void A_429_is_throttling_with_its_retry_after()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.TooManyRequests, "{\"code\":-1003,\"msg\":\"Too much request weight used.\"}", TimeSpan.FromSeconds(7));

        Assert.Equal(new RestResult.Throttled(-1003, "Too much request weight used.", TimeSpan.FromSeconds(7), Ban: false), result);
    }

    [Fact]
    public void A_418_is_a_ban()
    {
        var result = RestOutcomeClassifier.Classify((HttpStatusCode)418, "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1659146400000.\"}", TimeSpan.FromMinutes(2));

        var throttled = Assert.IsType<RestResult.Throttled>(result);
        Assert.True(throttled.Ban);
    }

    [Fact]
    public void A_4xx_without_a_binance_error_body_is_a_rejection_named_by_its_status()
    {
        var result = RestOutcomeClassifier.Classify(HttpStatusCode.Forbidden, "<html>WAF</html>", null);

        var rejected = Assert.IsType<RestResult.Rejected>(result);
        Assert.Equal(-403, rejected.Code);
    }

    [Fact]
    public void A_timeout_is_unknown_not_rejected()
    {
        var result = RestOutcomeClassifier.ClassifyException(new TaskCanceledException(), TimeSpan.FromSeconds(2));

        Assert.Contains("2000 ms", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_connection_is_unknown_not_rejected()
    {
        var result = RestOutcomeClassifier.ClassifyException(new HttpRequestException("connection reset"), TimeSpan.FromSeconds(2));

        Assert.Contains("connection reset", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", -1121, "Invalid symbol.")]
    [InlineData("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}", -1022, "Signature for this request is not valid.")]
    [InlineData("{\"code\":-4164,\"msg\":\"Order's notional must be no smaller than 5 (unless you choose reduce only)\"}", -4164, "Order's notional must be no smaller than 5 (unless you choose reduce only)")]
    [InlineData("{\"code\":-5022,\"msg\":\"Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history\"}", -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history")]
    public void Documented_error_bodies_parse_to_code_and_message(string body, int code, string message)
    {
        var error = RestOutcomeClassifier.TryParseError(body);

        Assert.Equal(new BinanceError(code, message), error);
    }
}
