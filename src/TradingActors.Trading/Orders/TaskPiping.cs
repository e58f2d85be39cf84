using TradingActors.Actors;

namespace TradingActors.Trading.Orders;

/// <summary>Delivers a task's result to an actor as a message, so actors never await inside a handler.</summary>
public static class TaskPiping
{
    public static void PipeTo<T>(this Task<T> task, IActorRef recipient, Func<T, object> success, Func<Exception, object> failure)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.ContinueWith(
            t => recipient.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException())),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
