namespace TradingActors.Persistence.Tests;

/// <summary>Tests sharing the private PostgreSQL server; they run one at a time (the outage test stops the server).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "postgresql";
}
