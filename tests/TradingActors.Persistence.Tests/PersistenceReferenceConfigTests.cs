using System.Globalization;
using Microsoft.Extensions.Configuration;
using TradingActors.Hocon;

namespace TradingActors.Persistence.Tests;

/// <summary>hocon/persistence.conf documents the defaults of <see cref="JournalOptions"/>; they must not drift apart.</summary>
public sealed class PersistenceReferenceConfigTests
{
    [Fact]
    public void Reference_configuration_matches_the_option_defaults()
    {
        var section = new ConfigurationBuilder().AddHoconFile(FindReferenceFile()).Build().GetSection("trading-actors:persistence");
        var defaults = new JournalOptions();

        Assert.Equal(defaults.Plugin.ToString(), section["plugin"], ignoreCase: true);
        Assert.Equal(defaults.SqlitePath, section["sqlite:path"]);
        Assert.Equal(defaults.SqliteDurability.ToString(), section["sqlite:durability"], ignoreCase: true);
        Assert.Equal(defaults.PostgreSqlConnectionString, section["postgresql:connection-string"]);
        Assert.Equal(defaults.SchemaName, section["postgresql:schema-name"]);
        Assert.Equal(defaults.PostgreSqlWriteConnections, int.Parse(section["postgresql:write-connections"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.BatchSize, int.Parse(section["batch-size"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.BufferSize, int.Parse(section["buffer-size"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.ReadBatchSize, int.Parse(section["read-batch-size"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxConcurrentRecoveries, int.Parse(section["max-concurrent-recoveries"]!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.QueryRefreshInterval, HoconDuration.Parse(section["query-refresh-interval"]!));
        Assert.Equal(defaults.GapTimeout, HoconDuration.Parse(section["gap-timeout"]!));
        Assert.Equal(defaults.ConnectTimeout, HoconDuration.Parse(section["connect-timeout"]!));
        Assert.Equal(defaults.CommandTimeout, HoconDuration.Parse(section["command-timeout"]!));
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
