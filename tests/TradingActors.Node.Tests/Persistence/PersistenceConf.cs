using Akka.Configuration;
using AkkaConfig = Akka.Configuration.Config;

namespace TradingActors.Node.Tests.Persistence;

/// <summary>hocon/persistence.conf as the node ships it, parsed with Akka's HOCON.</summary>
internal static class PersistenceConf
{
    public static string Text => File.ReadAllText(Find());

    /// <summary>The <c>trading-actors.persistence</c> block, with <paramref name="overrides"/> (HOCON) on top.</summary>
    /// <remarks>
    /// Akka 1.5.75's HOCON ignores later keys of an object holding an optional substitution
    /// (<c>${?TRADING_ACTORS_JOURNAL_CONNECTION_STRING}</c>), and WithFallback over it overflows the stack. The
    /// shipped file is parsed as it is; with overrides, that one line is left out and the overrides appended.
    /// </remarks>
    public static AkkaConfig Block(string overrides = "") =>
        ConfigurationFactory.ParseString(overrides.Length == 0 ? Text : WithoutEnvironment(Text) + "\n" + overrides).GetConfig("trading-actors.persistence");

    private static string WithoutEnvironment(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.Contains("${?", StringComparison.Ordinal)));

    private static string Find()
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
