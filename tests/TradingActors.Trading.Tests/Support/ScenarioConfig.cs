using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using TradingActors.Node.Persistence;

namespace TradingActors.Trading.Tests.Support;

/// <summary>The node's Akka settings (hocon/akka.conf) with the node's Akka.Persistence.Sql journal on a SQLite file.</summary>
public static class ScenarioConfig
{
    public static Config Sqlite(string directory)
    {
        var journal = JournalConfiguration.Read(ConfigurationFactory.ParseString("plugin = sqlite"), directory);
        journal.PrepareStorageAsync().GetAwaiter().GetResult();
        return ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(HoconFile("akka.conf"))))
            .WithFallback(journal.Config)
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
