using Xunit;

namespace TradingActors.TestSupport;

/// <summary>
/// One private PostgreSQL server (<see cref="PostgreSqlServer"/>) for a whole xunit collection; tests isolate
/// themselves by schema or database. xunit 2 looks for collection definitions only in the test assembly, so
/// each test project declares the collection itself:
/// <code>
/// [CollectionDefinition(PostgreSqlFixture.CollectionName)]
/// public sealed class PostgreSqlCollection : ICollectionFixture&lt;PostgreSqlFixture&gt;;
/// </code>
/// </summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    /// <summary>The collection name test classes put in <c>[Collection(...)]</c>.</summary>
    public const string CollectionName = "postgresql";

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
