namespace TradingActors.Node;

/// <summary><c>dotnet run --project src/TradingActors.Node -- [--mode paper] [--duration 30s] ...</c> (see --help).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => await NodeHost.RunAsync(args, Console.Out, Console.Error);
}
