using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TradingActors.Benchmarks;

/// <summary>
/// A private PostgreSQL server started from the machine's binaries in a temporary directory, on a
/// free loopback port, with fsync on: a copy of the persistence tests' launcher, for the journal
/// benchmark. Runs the server as the <c>postgres</c> user when the caller is root. A server left
/// behind by a killed run is stopped and removed by the next start.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string DirectoryPrefix = "ta-pg-";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly string _root;
    private bool _running;

    private PostgreSqlServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50";

    public static async Task<PostgreSqlServer> StartAsync()
    {
        var bin = FindBinaries();
        ReapAbandonedServers(bin);
        var root = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        var server = new PostgreSqlServer(bin, root, FreePort());
        try
        {
            await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) server again on the same port and data.</summary>
    public async Task StartAgainAsync()
    {
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200 -c max_wal_size=4GB";
        await RunToolAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", options]);
        _running = true;
    }

    /// <summary>Stops the server (fast: connections are cut, then a clean shutdown).</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            await RunToolAsync("pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", DataDirectory]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (_running)
            {
                _running = false;
                await RunToolAsync("pg_ctl", ["stop", "-w", "-t", "60", "-m", "immediate", "-D", DataDirectory]);
            }
        }
        finally
        {
            TryDelete(_root);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in candidates.Concat(path))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in /usr/lib/postgresql/*/bin or on PATH. " +
            "Install them (e.g. apt-get install postgresql-15) to run the PostgreSQL journal tests.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void ReapAbandonedServers(string bin)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            try
            {
                var owner = int.Parse(File.ReadAllText(Path.Combine(dir, "owner.pid")), System.Globalization.CultureInfo.InvariantCulture);
                if (ProcessExists(owner))
                {
                    continue;
                }

                var data = Path.Combine(dir, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    RunAsync(IsRoot ? "runuser" : Path.Combine(bin, "pg_ctl"),
                        IsRoot ? ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "stop", "-m", "immediate", "-D", data] : ["stop", "-m", "immediate", "-D", data])
                        .GetAwaiter().GetResult();
                }

                TryDelete(dir);
            }
            catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Another run's directory in an unexpected state: leave it alone.
            }
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; the next run reaps it.
        }
    }

    private Task RunToolAsync(string tool, string[] arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {ToolTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await stderr} {await stdout}");
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_running)
        {
            _running = false;
            try
            {
                RunToolAsync("pg_ctl", ["stop", "-m", "immediate", "-D", DataDirectory]).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // The process is exiting; the next run reaps what is left.
            }
        }

        TryDelete(_root);
    }
}
