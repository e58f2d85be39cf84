using System.Runtime.ExceptionServices;

namespace TradingActors.Actors.Internal;

internal sealed partial class ActorCell
{
    private int _pendingTasks;
    private object? _taskMessage;
    private IActorRef? _taskSender;
    private ActorSynchronizationContext? _synchronizationContext;

    public void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var context = _synchronizationContext;
        if (context is null || context.Incarnation != _incarnation)
        {
            context = _synchronizationContext = new ActorSynchronizationContext(this, _incarnation);
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = action() ?? throw new InvalidOperationException("RunTask: the action returned a null task.");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }

        _pendingTasks++;
        _taskMessage = _currentMessage;
        _taskSender = _currentSender;
        task.ContinueWith(
            static (t, state) =>
            {
                var (cell, incarnation) = ((ActorCell, int))state!;
                cell._mailbox.PostSystem(new TaskCompleted(t, incarnation));
            },
            (this, _incarnation),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            ExceptionDispatchInfo.Capture(task.Exception!.InnerException ?? task.Exception).Throw();
        }

        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }

    private void RunContinuation(RunContinuation continuation)
    {
        if (continuation.Context.Incarnation != _incarnation || _terminating)
        {
            // The instance that awaited is gone (restarted or stopping): its continuation must not touch the new one.
            return;
        }

        var (message, sender) = (_currentMessage, _currentSender);
        _currentMessage = _taskMessage;
        _currentSender = _taskSender;
        _currentStashed = false;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(continuation.Context);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, _currentMessage);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            _currentMessage = message;
            _currentSender = sender;
        }
    }

    private void HandleTaskCompleted(TaskCompleted completed)
    {
        if (completed.Incarnation != _incarnation || _pendingTasks == 0)
        {
            return;
        }

        _pendingTasks--;
        var message = _taskMessage;
        if (_pendingTasks == 0)
        {
            _taskMessage = null;
            _taskSender = null;
        }

        if (completed.Task.IsFaulted)
        {
            var exception = completed.Task.Exception!;
            HandleInvokeFailure(exception.InnerExceptions.Count == 1 ? exception.InnerException! : exception, message);
        }
        else if (completed.Task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(completed.Task), message);
        }
    }
}
