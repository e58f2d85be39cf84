using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TradingActors.CrashHarness;

/// <summary>The node's management HTTP API, as the harness uses it.</summary>
internal sealed class NodeApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public NodeApi(int port, string token)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The last answer of /ready that was not 200 (its failing checks), to explain a slow start.</summary>
    public string? LastNotReady { get; private set; }

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("ready", ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            LastNotReady = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>A POST whose status and body come back as they are; a connection cut by the kill is status 0.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, object? body, CancellationToken ct)
    {
        try
        {
            using var content = JsonContent.Create(body ?? new { }, options: Json);
            using var response = await _http.PostAsync(path, content, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return (0, e.GetType().Name);
        }
    }

    /// <summary>A GET whose status and body come back as they are; no answer (a node that is down or slow) is status 0.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(path, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return (0, e.GetType().Name);
        }
    }

    public async Task<IReadOnlyList<NodePosition>> PositionsAsync(string state, CancellationToken ct) =>
        await _http.GetFromJsonAsync<List<NodePosition>>($"positions?state={state}&limit=1000", Json, ct) ?? [];

    public void Dispose() => _http.Dispose();
}
