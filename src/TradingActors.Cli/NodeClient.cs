using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TradingActors.Cli;

/// <summary>The management HTTP API as tradectl uses it: JSON in and out, every failure turned into an exit code and a one-line message.</summary>
internal sealed class NodeClient(Uri node, string? token, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = node, Timeout = timeout };

    public Uri Node { get; } = node;

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null && method != HttpMethod.Get)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the node at {Node} ({e.Message}): start it, or point to it with --node or TRADECTL_NODE.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var body = text.Length == 0 ? default : TryParse(text);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CliException(
                    ExitCodes.Unreachable,
                    token is null
                        ? "the node needs a token for this: pass --token, set TRADECTL_TOKEN, or --data-dir of the node (it writes management-token there)."
                        : "the node refused the token: pass the one in <data-dir>/management-token (--token, TRADECTL_TOKEN or --data-dir).");
            }

            if (!response.IsSuccessStatusCode && !(response.StatusCode == HttpStatusCode.Conflict && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("result", out _)))
            {
                var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e.GetString() : text;
                throw new CliException(ExitCodes.Failed, $"the node answered {(int)response.StatusCode} {response.ReasonPhrase}: {error}");
            }

            return body;
        }
    }

    public static HttpContent Json(object body) => JsonContent.Create(body);

    public void Dispose() => _http.Dispose();

    private static JsonElement TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
