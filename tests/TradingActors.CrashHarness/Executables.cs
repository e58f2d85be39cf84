namespace TradingActors.CrashHarness;

/// <summary>
/// The built node and simulator. The harness project references both (without loading them), so they are built in
/// the same configuration into their own bin folders, where the node also finds its hocon/ directory.
/// </summary>
public sealed record Executables(string NodeDll, string SimulatorDll)
{
    public static Executables Locate()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent?.Name ?? "Debug";
        var root = tfm;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TradingActors.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new FileNotFoundException($"No TradingActors.sln above {AppContext.BaseDirectory}: run the harness from the repository's build output.");
        }

        string Dll(string project) =>
            Path.Combine(root.FullName, "src", project, "bin", configuration, tfm.Name, project + ".dll") is var path && File.Exists(path)
                ? path
                : throw new FileNotFoundException($"{project} is not built: {path} is missing (dotnet build tests/TradingActors.CrashHarness).");
        return new Executables(Dll("TradingActors.Node"), Dll("TradingActors.Simulator"));
    }
}
