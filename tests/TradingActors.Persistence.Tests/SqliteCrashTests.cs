using TradingActors.Persistence.Sql;
using Xunit.Abstractions;

namespace TradingActors.Persistence.Tests;

public sealed class SqliteCrashTests(ITestOutputHelper output) : CrashTestBase(output), IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ta-crash-").FullName;

    [Fact]
    public async Task Every_acknowledged_event_survives_repeated_kill_9()
    {
        var path = Path.Combine(_directory, "journal.db");

        await KillRepeatedlyAndVerifyAsync(
            ["sqlite", path, ActorCount],
            serializer => new SqliteJournal(new JournalOptions { SqlitePath = path }, serializer));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
