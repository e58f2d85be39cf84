using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TradingActors.Actors;

/// <summary>Kernel settings; the reference HOCON block is <c>hocon/actors.conf</c> (<c>trading-actors.actors</c>).</summary>
public sealed record ActorSystemSettings
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>User messages an actor processes per scheduling turn before yielding its thread (Akka: 30).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Dead letters logged per minute at most; the rest are counted and summarised.</summary>
    public int DeadLetterLogMaxPerMinute { get; init; } = 10;

    /// <summary>Timeout of <c>Ask</c> calls that give none.</summary>
    public TimeSpan AskDefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the /user guardian supervises top-level actors; a decision to escalate stops the system.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "Throughput must be at least 1.");
        }

        if (DeadLetterLogMaxPerMinute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeadLetterLogMaxPerMinute), DeadLetterLogMaxPerMinute, "Must not be negative.");
        }

        if (AskDefaultTimeout <= TimeSpan.Zero && AskDefaultTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(AskDefaultTimeout), AskDefaultTimeout, "Must be positive or infinite.");
        }
    }
}
