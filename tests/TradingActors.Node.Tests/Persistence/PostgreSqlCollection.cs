using TradingActors.TestSupport;

namespace TradingActors.Node.Tests.Persistence;

/// <summary>The tests sharing one private PostgreSQL server (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(PostgreSqlFixture.CollectionName)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>;
