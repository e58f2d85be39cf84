namespace TradingActors.Node.Backtest;

/// <summary>
/// Tells when the actor system has nothing left to do. Every dispatcher of the backtest's actor system runs on the .NET
/// thread pool, and so do the continuations of its tasks (asks, piped results, journal writes, the gateway's stream
/// pump): when no work item is queued and no pool thread is processing one, every message sent so far has been handled.
/// The driver calls <see cref="WaitIdle"/> from a thread of its own before it moves the clock or the price again.
/// </summary>
public static class Quiescence
{
    /// <summary>Spins until the pool has been idle on two consecutive looks.</summary>
    public static void WaitIdle(CancellationToken ct = default)
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        var own = Thread.CurrentThread.IsThreadPoolThread ? 1 : 0;
        var spin = default(SpinWait);
        var idleLooks = 0;
        while (idleLooks < 2)
        {
            ThreadPool.GetAvailableThreads(out var available, out _);
            if (max - available - own <= 0 && ThreadPool.PendingWorkItemCount == 0)
            {
                idleLooks++;
            }
            else
            {
                idleLooks = 0;
                ct.ThrowIfCancellationRequested();
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
