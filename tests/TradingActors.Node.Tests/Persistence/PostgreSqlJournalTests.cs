using Npgsql;
using TradingActors.Node.Persistence;
using TradingActors.TestSupport;

namespace TradingActors.Node.Tests.Persistence;

[Collection(PostgreSqlFixture.CollectionName)]
public sealed class PostgreSqlJournalTests(PostgreSqlFixture postgres) : JournalSpec
{
    private readonly string _schema = "journal_" + Guid.NewGuid().ToString("N")[..12];

    protected override Task<JournalConfiguration> CreateJournalAsync() =>
        Task.FromResult(JournalConfiguration.Read(
            PersistenceConf.Block($$"""
                trading-actors.persistence {
                  plugin = postgresql
                  postgresql { connection-string = "{{postgres.ConnectionString}}", schema-name = {{_schema}} }
                }
                """),
            Path.GetTempPath()));

    protected override async Task DisposeStorageAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE";
        await drop.ExecuteNonQueryAsync();
    }

    protected override async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema";
        command.Parameters.AddWithValue("schema", _schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
