using Microsoft.Extensions.Logging;

namespace TradingActors.Actors.Internal;

/// <summary>Logs dead letters up to a number per minute and summarises the rest, so a storm cannot flood the log.</summary>
internal sealed class DeadLetterLog(ILogger logger, TimeProvider time, int maxPerMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _logged;
    private long _suppressed;

    public void Record(DeadLetter deadLetter)
    {
        if (maxPerMinute == 0 || !logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        bool log;
        long suppressedBefore = 0;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _windowStart >= Window)
            {
                suppressedBefore = _suppressed;
                _suppressed = 0;
                _logged = 0;
                _windowStart = now;
            }

            log = _logged < maxPerMinute;
            if (log)
            {
                _logged++;
            }
            else
            {
                _suppressed++;
            }
        }

        if (suppressedBefore > 0)
        {
            logger.LogInformation("{Count} more dead letters in the previous minute were not logged", suppressedBefore);
        }

        if (log)
        {
            // The type, never the content: messages may carry order details or credentials.
            logger.LogInformation(
                "Dead letter {MessageType} from {Sender} to {Recipient}",
                deadLetter.Message.GetType().Name,
                deadLetter.Sender?.Path.ToString() ?? "no sender",
                deadLetter.Recipient.Path);
        }
    }
}
