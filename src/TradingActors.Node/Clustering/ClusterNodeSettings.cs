using System.Globalization;
using Akka.Configuration;
using TradingActors.Node.Config;
using TradingActors.Node.Persistence;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Clustering;

/// <summary>
/// Cluster mode's block <c>trading-actors.cluster</c> (hocon/cluster.conf): this node's remoting address, the seed
/// nodes, and the split brain resolver's lease in the journal's PostgreSQL. <see cref="AkkaConfig"/> turns it into
/// Akka's keys; the split brain resolver's own settings are plain Akka keys in hocon/cluster.conf.
/// </summary>
public sealed record ClusterNodeSettings(string Hostname, int Port, IReadOnlyList<(string Host, int Port)> SeedNodes, TimeSpan JoinTimeout)
{
    public const string Path = "trading-actors.cluster";

    /// <summary>The actor system's name: part of every address, so the same on every node.</summary>
    public const string SystemName = "trading-node";

    public static ClusterNodeSettings Read(AkkaConfig configuration)
    {
        var c = new ConfigValues(configuration, Path);
        var hostname = c.String("hostname") ?? "127.0.0.1";
        var port = c.Int("port", 1, 65535) ?? 4053;
        var seeds = (c.List("seed-nodes") ?? [])
            .Select(seed => ParseEndpoint(c.Key("seed-nodes"), seed))
            .ToList();
        if (seeds.Count == 0)
        {
            throw new NodeConfigurationException(c.Key("seed-nodes"), "cluster mode needs at least one seed node (host:port).");
        }

        return new ClusterNodeSettings(hostname, port, seeds, c.Duration("join-timeout") ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Remoting, seed nodes, the lease's class and database, and the fenced journal.</summary>
    public AkkaConfig AkkaConfig(JournalConfiguration journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (journal.SchemaName is null)
        {
            throw new NodeConfigurationException(
                "trading-actors.persistence.plugin", "cluster mode needs the nodes' shared PostgreSQL (postgresql), not sqlite.");
        }

        var seeds = string.Join(", ", SeedNodes.Select(s => Quote($"akka.tcp://{SystemName}@{s.Host}:{s.Port.ToString(CultureInfo.InvariantCulture)}")));
        return ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp {
              hostname = {{Quote(Hostname)}}
              port = {{Port.ToString(CultureInfo.InvariantCulture)}}
            }
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.persistence.journal.sql.class = {{Quote(TypeName(typeof(FencedSqlJournal)))}}
            {{Path}}.lease {
              lease-class = {{Quote(TypeName(typeof(PostgreSqlLease)))}}
              connection-string = {{Quote(journal.ConnectionString)}}
              schema-name = {{Quote(journal.SchemaName)}}
            }
            """);
    }

    private static (string Host, int Port) ParseEndpoint(string key, string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? (text[..colon], port)
            : throw new NodeConfigurationException(key, $"'{text}' is not host:port.");
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static string Quote(string value) => HoconFile.Quote(value);
}
