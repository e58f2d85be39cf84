using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TradingActors.Actors;

namespace TradingActors.TestKit;

/// <summary>
/// Base class for actor tests: a fresh <see cref="Sys"/> per test, probes, and waiting helpers that poll a
/// condition with a timeout instead of sleeping.
/// </summary>
public abstract class ActorTestKit : IAsyncDisposable, IDisposable
{
    private static int _systemCounter;
    private int _probeCounter;
    private bool _disposed;

    static ActorTestKit()
    {
        // Expect* blocks the test thread; enough pool threads keep the actors under test running meanwhile.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }

    protected ActorTestKit(TimeProvider? time = null)
        : this(time, null)
    {
    }

    /// <param name="time">The clock of the system under test; the real clock when null.</param>
    /// <param name="output">Where log lines go (e.g. xunit's <c>ITestOutputHelper.WriteLine</c>); nowhere when null.</param>
    protected ActorTestKit(TimeProvider? time, Action<string>? output)
    {
        var settings = new ActorSystemSettings { TimeProvider = time ?? TimeProvider.System };
        if (output is not null)
        {
            settings = settings with { LoggerFactory = new TestOutputLoggerFactory(output) };
        }

        Sys = ActorSystem.Create("test-" + Interlocked.Increment(ref _systemCounter).ToString(CultureInfo.InvariantCulture), Configure(settings));
    }

    protected static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(3);

    protected ActorSystem Sys { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Lets a derived test adjust the settings (throughput, guardian strategy) before the system starts.</summary>
    protected virtual ActorSystemSettings Configure(ActorSystemSettings settings) => settings;

    protected TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? "testProbe-" + Interlocked.Increment(ref _probeCounter).ToString(CultureInfo.InvariantCulture), DefaultTimeout);

    protected void AwaitAssert(Action assertion, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        var pause = interval ?? TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (watch.Elapsed < limit)
            {
                Thread.Sleep(pause);
            }
        }
    }

    protected async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (watch.Elapsed < limit)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }
        }
    }

    protected void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        if (!SpinWait.SpinUntil(condition, limit))
        {
            throw new TestKitException($"Condition not met within {limit}.");
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing && !Sys.Terminate().Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TestKitException("The actor system did not terminate within 10 s.");
        }
    }

    private sealed class TestOutputLoggerFactory(Action<string> output) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class TestOutputLogger(Action<string> output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // xunit rejects output after the test has finished; late log lines are dropped.
            }
        }
    }
}
