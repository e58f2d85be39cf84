namespace TradingActors.Persistence.Tests;

/// <summary>One private PostgreSQL server for the whole <see cref="PostgreSqlCollection"/>; tests isolate themselves by schema.</summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;

    public PostgreSqlServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server is not started.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await PostgreSqlServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
