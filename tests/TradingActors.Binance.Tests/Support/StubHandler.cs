using System.Net;
using System.Text;

namespace TradingActors.Binance.Tests.Support;

/// <summary>An in-test HTTP handler answering from a script, for pure unit tests of the REST core.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int _calls;

    public List<Uri> Requests { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    public static HttpResponseMessage Json(HttpStatusCode status, string body, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
        }

        var call = Interlocked.Increment(ref _calls);
        return Task.FromResult(respond(request, call));
    }
}
