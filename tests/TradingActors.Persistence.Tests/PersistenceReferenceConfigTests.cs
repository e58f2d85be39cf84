using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration;

namespace TradingActors.Persistence.Tests;

/// <summary>hocon/persistence.conf documents the defaults of <see cref="JournalOptions"/>; they must not drift apart.</summary>
public sealed class PersistenceReferenceConfigTests
{
    [Fact]
    public void Reference_configuration_matches_the_option_defaults()
    {
        // The node replaces `key = ${?NAME}` lines before Akka parses a file (Akka.NET 1.5 does not resolve them); here
        // they go, as when the variable is not set.
        var text = Regex.Replace(File.ReadAllText(FindReferenceFile()), @"^.*\$\{\?[A-Za-z0-9_]+\}.*$", string.Empty, RegexOptions.Multiline);
        var config = ConfigurationFactory.ParseString(text).GetConfig("trading-actors.persistence");
        string? Text(string key) => config.GetString(key);
        var defaults = new JournalOptions();

        Assert.Equal(defaults.Plugin.ToString(), Text("plugin"), ignoreCase: true);
        Assert.Equal(defaults.SqlitePath, Text("sqlite.path"));
        Assert.Equal(defaults.SqliteDurability.ToString(), Text("sqlite.durability"), ignoreCase: true);
        Assert.Equal(defaults.PostgreSqlConnectionString, Text("postgresql.connection-string"));
        Assert.Equal(defaults.SchemaName, Text("postgresql.schema-name"));
        Assert.Equal(defaults.PostgreSqlWriteConnections, int.Parse(Text("postgresql.write-connections")!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.BatchSize, int.Parse(Text("batch-size")!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.BufferSize, int.Parse(Text("buffer-size")!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.ReadBatchSize, int.Parse(Text("read-batch-size")!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxConcurrentRecoveries, int.Parse(Text("max-concurrent-recoveries")!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.QueryRefreshInterval, config.GetTimeSpan("query-refresh-interval"));
        Assert.Equal(defaults.GapTimeout, config.GetTimeSpan("gap-timeout"));
        Assert.Equal(defaults.ConnectTimeout, config.GetTimeSpan("connect-timeout"));
        Assert.Equal(defaults.CommandTimeout, config.GetTimeSpan("command-timeout"));
    }

    private static string FindReferenceFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hocon", "persistence.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("hocon/persistence.conf not found above " + AppContext.BaseDirectory);
    }
}
