using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.TestKit;

namespace TradingActors.Trading.Tests.Support;

/// <summary>The node's Akka settings (hocon/akka.conf) with an Akka.Persistence.Sql journal on a SQLite file.</summary>
public static class ScenarioConfig
{
    public static Config Sqlite(string path)
    {
        var connection = $"Data Source={path}";
        var journal = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence {
              journal.plugin = "akka.persistence.journal.sql"
              journal.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
              snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
              snapshot-store.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
              query.journal.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS" }
            }
            """);
        return journal
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(HoconFile("akka.conf"))))
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(TestKitBase.DefaultConfig);
    }

    /// <summary>A file of the repository's hocon/ directory, found from the test's working directory upwards.</summary>
    public static string HoconFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"hocon/{name} not found above {AppContext.BaseDirectory}");
    }
}
