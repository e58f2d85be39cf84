using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using TradingActors.Simulator.Engine;

namespace TradingActors.Simulator.Http;

/// <summary>
/// One REST request with its parameters merged from the query string and a form body (the query string wins on a
/// clash, as on Binance), and typed accessors that answer malformed values with Binance's parameter errors.
/// </summary>
internal sealed class ApiRequest
{
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);

    private ApiRequest(HttpContext http, string rawQuery, string rawBody)
    {
        Http = http;
        RawQuery = rawQuery;
        RawBody = rawBody;
    }

    public HttpContext Http { get; }

    public string RawQuery { get; }

    public string RawBody { get; }

    public string Method => Http.Request.Method;

    public string Path => Http.Request.Path.Value ?? "/";

    public IReadOnlyDictionary<string, string> Parameters => _params;

    /// <summary>Response headers added by handlers (order counts).</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<ApiRequest> ReadAsync(HttpContext http)
    {
        var rawQuery = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : string.Empty;
        var rawBody = string.Empty;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            rawBody = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var request = new ApiRequest(http, rawQuery, rawBody);
        var isJson = http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var fromBody = isJson ? new Dictionary<string, string>(StringComparer.Ordinal) : Parse(rawBody);
        var fromQuery = Parse(rawQuery);
        foreach (var (key, value) in fromBody)
        {
            request._params[key] = value;
        }

        foreach (var (key, value) in fromQuery)
        {
            request._params[key] = value;
        }

        return request;
    }

    /// <summary>One element of a batch (batchOrders): its own parameters, the outer request's connection.</summary>
    public static ApiRequest Nested(ApiRequest outer, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var request = new ApiRequest(outer.Http, string.Empty, string.Empty);
        foreach (var (key, value) in parameters)
        {
            request._params[key] = value;
        }

        return request;
    }

    /// <summary>Splits <c>a=1&amp;b=2</c>; a parameter sent twice in one part is Binance's -1101.</summary>
    public static Dictionary<string, string> Parse(string raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(raw))
        {
            return result;
        }

        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            if (!result.TryAdd(key, value))
            {
                throw Errors.TooManyParameters($"Duplicate values for parameter '{key}'.");
            }
        }

        return result;
    }

    public string? Optional(string name) => _params.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Required(string name) => Optional(name) ?? throw Errors.Mandatory(name);

    public decimal? OptionalDecimal(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || text.Length > 40)
        {
            throw Errors.IllegalCharacters(name, "^([0-9]{1,20})(\\.[0-9]{1,20})?$");
        }

        return value;
    }

    public decimal RequiredDecimal(string name) => OptionalDecimal(name) ?? throw Errors.Mandatory(name);

    public long? OptionalLong(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Errors.IllegalCharacters(name);
    }

    public int? OptionalInt(string name, int min, int max)
    {
        var value = OptionalLong(name);
        if (value is { } v && (v < min || v > max))
        {
            throw Errors.InvalidParameter($"Invalid value for parameter '{name}'; it must be between {min} and {max}.");
        }

        return (int?)value;
    }

    public bool OptionalBool(string name)
    {
        var text = Optional(name);
        return text switch
        {
            null => false,
            _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw Errors.IllegalCharacters(name, "true, false"),
        };
    }

    public T RequiredEnum<T>(string name, Func<ExchangeErrorException> invalid)
        where T : struct, Enum => OptionalEnum<T>(name, invalid) ?? throw Errors.Mandatory(name);

    public T? OptionalEnum<T>(string name, Func<ExchangeErrorException> invalid)
        where T : struct, Enum
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return Wire.TryParse<T>(text, out var value) ? value : throw invalid();
    }

    public OrderSide Side() => RequiredEnum<OrderSide>("side", Errors.InvalidSide);

    public OrderType Type() => RequiredEnum<OrderType>("type", Errors.InvalidOrderType);

    public TimeInForce? Tif() => OptionalEnum<TimeInForce>("timeInForce", Errors.InvalidTimeInForce);

    /// <summary>The <c>symbol</c> parameter, which must name a configured symbol (-1121 otherwise).</summary>
    public string Symbol(ExchangeEngine engine)
    {
        var symbol = Required("symbol");
        return engine.HasSymbol(symbol) ? symbol : throw Errors.InvalidSymbol();
    }

    public string? OptionalSymbol(ExchangeEngine engine)
    {
        var symbol = Optional("symbol");
        return symbol is null || engine.HasSymbol(symbol) ? symbol : throw Errors.InvalidSymbol();
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            throw Errors.IllegalCharacters(text);
        }
    }
}
