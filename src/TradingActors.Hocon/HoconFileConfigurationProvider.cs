using Microsoft.Extensions.Configuration;
using TradingActors.Hocon.Internal;

namespace TradingActors.Hocon;

/// <summary>
/// Loads a HOCON file into configuration keys. With reload on change it watches the file and every file
/// it included; a reload that fails to parse keeps the previous keys (see <see cref="LastReloadError"/>).
/// </summary>
public sealed class HoconFileConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly HoconFileConfigurationSource _source;
    private readonly string _fullPath;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private HashSet<string> _watchedFiles = new(StringComparer.Ordinal);
    private Timer? _reloadTimer;
    private bool _disposed;

    public HoconFileConfigurationProvider(HoconFileConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _fullPath = Path.GetFullPath(source.Path);
    }

    /// <summary>Why the last automatic reload was rejected, or null when it succeeded.</summary>
    public Exception? LastReloadError { get; private set; }

    /// <exception cref="FileNotFoundException">The file is missing and not optional.</exception>
    /// <exception cref="HoconParseException">The file or one of its includes is not valid HOCON.</exception>
    public override void Load()
    {
        Data = Read(out var files);
        if (_source.ReloadOnChange)
        {
            Watch(files);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watcher in _watchers.Values)
            {
                watcher.Dispose();
            }

            _watchers.Clear();
            _reloadTimer?.Dispose();
        }
    }

    public override string ToString() => $"{GetType().Name} for '{_fullPath}' ({(_source.Optional ? "Optional" : "Required")})";

    private Dictionary<string, string?> Read(out IReadOnlyList<string> files)
    {
        if (!File.Exists(_fullPath))
        {
            files = [_fullPath];
            return _source.Optional
                ? new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                : throw new FileNotFoundException($"The configuration file '{_fullPath}' was not found and is not optional.", _fullPath);
        }

        return ConfigurationFlattener.Flatten(HoconParser.ParseFile(_fullPath, null, out files));
    }

    private void Watch(IReadOnlyList<string> files)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _watchedFiles = new HashSet<string>(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var directory = Path.GetDirectoryName(file);
                if (directory is null || _watchers.ContainsKey(directory) || !Directory.Exists(directory))
                {
                    continue;
                }

                var watcher = new FileSystemWatcher(directory)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(directory, watcher);
            }
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        lock (_gate)
        {
            var relevant = _watchedFiles.Contains(e.FullPath)
                           || (e is RenamedEventArgs renamed && _watchedFiles.Contains(renamed.OldFullPath));
            if (_disposed || !relevant)
            {
                return;
            }

            _reloadTimer ??= new Timer(_ => ReloadAfterChange());
            _reloadTimer.Change(_source.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReloadAfterChange()
    {
        try
        {
            var data = Read(out var files);
            Data = data;
            LastReloadError = null;
            Watch(files);
        }
        catch (Exception e) when (e is HoconParseException or IOException or UnauthorizedAccessException)
        {
            // Keep serving the last good configuration; a half-written file is usually followed by another change.
            LastReloadError = e;
            return;
        }

        OnReload();
    }
}
