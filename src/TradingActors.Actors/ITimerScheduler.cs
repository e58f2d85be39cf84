namespace TradingActors.Actors;

/// <summary>
/// Keyed timers that send messages to the owning actor. Starting a timer under a key in use cancels the old one,
/// and the old timer's message is never delivered, even if it was already enqueued. All timers are cancelled when
/// the actor restarts or stops. Use only from within the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
