using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using TradingActors.Trading.Serialization;
using TradingActors.Node.Persistence;
using TradingActors.Trading.Time;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node;

/// <summary>The actor system's configuration: the node's (its <c>akka</c> block, hocon/akka.conf and overrides), its journal, its clock, and Serilog as Akka's logger.</summary>
public static class NodeAkkaConfig
{
    private const string Logging = """
        akka {
          loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
          logger-formatter = "Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog"
        }
        """;

    public static AkkaConfig Build(AkkaConfig node, JournalConfiguration journal, TimeProvider clock, double speed)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(journal);
        var config = ConfigurationFactory.ParseString(Logging)
            .WithFallback(node)
            .WithFallback(TradingClock.Config(clock))
            .WithFallback(journal.Config)
            .WithFallback(ConfigurationFactory.ParseString(TradingMessageSerializer.Config()))
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig());
        return TradingClock.ScaledTimeouts(speed, config).WithFallback(config);
    }
}
