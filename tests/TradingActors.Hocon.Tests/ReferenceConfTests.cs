namespace TradingActors.Hocon.Tests;

public sealed class ReferenceConfTests
{
    [Fact]
    public void The_repository_reference_conf_parses_without_error()
    {
        var path = Path.Combine(FindRepositoryRoot(), "hocon", "reference.conf");

        var root = HoconParser.ParseFile(path);

        Assert.Equal(HoconValueKind.Object, root.Kind);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TradingActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TradingActors.sln above {AppContext.BaseDirectory}");
    }
}
