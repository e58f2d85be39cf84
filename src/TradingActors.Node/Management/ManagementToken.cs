using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace TradingActors.Node.Management;

/// <summary>The bearer token of the mutating management routes: configured, or generated at every start.</summary>
public sealed class ManagementToken
{
    public const string FileName = "management-token";

    private readonly byte[] _token;

    private ManagementToken(string token, string? file)
    {
        _token = Encoding.UTF8.GetBytes(token);
        File = file;
    }

    /// <summary>Where a generated token was written (only the path is ever printed); null when configured.</summary>
    public string? File { get; }

    /// <summary>
    /// The configured token, or a fresh random one written to &lt;data-dir&gt;/management-token (owner-only on Unix).
    /// Binding anything but loopback without a configured token is refused: the file would be the only guard.
    /// </summary>
    public static ManagementToken Resolve(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ManagementToken is { } configured)
        {
            return new ManagementToken(configured, null);
        }

        if (!IsLoopback(settings.ManagementHost))
        {
            throw new NodeConfigurationException(
                "trading-actors.node.management.token",
                $"the management API would listen on {settings.ManagementHost}, which is not loopback: configure a token (TRADING_ACTORS_MANAGEMENT_TOKEN).");
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(settings.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(settings.DataDirectory, FileName));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        return new ManagementToken(token, path);
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Checks an Authorization header value in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }

    public override string ToString() => File is null ? "ManagementToken(configured)" : $"ManagementToken(generated, {File})";
}
