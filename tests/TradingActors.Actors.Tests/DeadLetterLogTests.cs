using Microsoft.Extensions.Logging;
using TradingActors.Actors;
using TradingActors.TestKit;

namespace TradingActors.Actors.Tests;

public sealed class DeadLetterLogTests
{
    [Fact]
    public async Task Dead_letters_are_logged_up_to_the_limit_per_minute_and_the_rest_are_summarised()
    {
        // Arrange
        var time = new ManualTimeProvider();
        var logger = new CapturingLoggerFactory();
        var system = ActorSystem.Create("deadletters", new ActorSystemSettings
        {
            TimeProvider = time,
            LoggerFactory = logger,
            DeadLetterLogMaxPerMinute = 3,
        });

        // Act
        for (var i = 0; i < 5; i++)
        {
            system.DeadLetters.Tell(new SecretOrder("api-key-123"));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        system.DeadLetters.Tell(new SecretOrder("api-key-123"));

        // Assert
        var lines = logger.Lines.Where(l => l.Contains("ead letter", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Single(lines, l => l.StartsWith("2 more dead letters", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Contains(nameof(SecretOrder), StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("api-key-123", StringComparison.Ordinal));
        Assert.Equal(6, system.DeadLetterCount);
        await system.Terminate();
    }

    private sealed record SecretOrder(string ApiKey);

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
