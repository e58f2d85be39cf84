using System.Data.Common;
using Akka.Configuration;

namespace TradingActors.Benchmarks;

/// <summary>
/// A database under the journal benchmark: the HOCON of Akka.Persistence.Sql on it, and the raw SQL baselines
/// (batched INSERT, sequential SELECT) run on a table of the same shape in the same database.
/// </summary>
public abstract class SqlBenchDatabase : IAsyncDisposable
{
    /// <summary>Rows per transaction of the raw batched INSERT.</summary>
    protected const int RawBatchRows = 1_000;

    public abstract string Name { get; }

    /// <summary>Akka.Persistence.Sql's <c>provider-name</c> (a LinqToDB provider).</summary>
    protected abstract string ProviderName { get; }

    protected abstract string ConnectionString { get; }

    protected abstract string PayloadType { get; }

    /// <summary>The journal and snapshot store on this database; Akka's and the plugin's defaults are the fallback.</summary>
    public Config JournalConfig() => ConfigurationFactory.ParseString(
        $$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql { connection-string = "{{ConnectionString}}", provider-name = "{{ProviderName}}", auto-initialize = on }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql { connection-string = "{{ConnectionString}}", provider-name = "{{ProviderName}}", auto-initialize = on }
          }
        }
        """);

    public async Task CreateRawTableAsync()
    {
        await using var connection = await OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText =
            $"CREATE TABLE raw_journal (persistence_id TEXT NOT NULL, sequence_number BIGINT NOT NULL, payload {PayloadType} NOT NULL, " +
            "PRIMARY KEY (persistence_id, sequence_number))";
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts <paramref name="perId"/> rows for each id, <see cref="RawBatchRows"/> rows per transaction.</summary>
    public async Task RawBatchedInsertAsync(IReadOnlyList<string> persistenceIds, int perId, byte[] payload)
    {
        var rows = persistenceIds.SelectMany(id => Enumerable.Range(1, perId).Select(sequenceNr => (id, (long)sequenceNr))).ToList();
        await using var connection = await OpenAsync();
        foreach (var chunk in rows.Chunk(RawBatchRows))
        {
            await InsertChunkAsync(connection, chunk, payload);
        }
    }

    /// <summary>Reads every row of each id in sequence order, one query per id, one id after the other.</summary>
    public async Task<long> RawSelectAsync(IReadOnlyList<string> persistenceIds)
    {
        await using var connection = await OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT sequence_number, payload FROM raw_journal WHERE persistence_id = @id ORDER BY sequence_number";
        var id = select.CreateParameter();
        id.ParameterName = "@id";
        select.Parameters.Add(id);
        long read = 0;
        foreach (var persistenceId in persistenceIds)
        {
            id.Value = persistenceId;
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetInt64(0);
                _ = reader.GetFieldValue<byte[]>(1);
                read++;
            }
        }

        return read;
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenAsync();

    protected abstract Task InsertChunkAsync(DbConnection connection, (string Id, long SequenceNr)[] rows, byte[] payload);
}
