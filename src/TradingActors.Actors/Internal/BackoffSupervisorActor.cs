namespace TradingActors.Actors.Internal;

/// <summary>The actor behind <see cref="BackoffSupervisor"/>; Akka's BackoffSupervisor / BackoffOnRestartSupervisor.</summary>
internal sealed class BackoffSupervisorActor : ActorBase
{
    private static readonly object StartChildKey = new();
    private static readonly object ResetKey = new();
    private readonly BackoffOptions _options;
    private readonly SupervisorStrategy _strategy;
    private IActorRef? _child;
    private int _restartCount;
    private bool _restartAfterFailure;

    public BackoffSupervisorActor(BackoffOptions options)
    {
        _options = options;
        var inner = options.SupervisorStrategy ?? Actors.SupervisorStrategy.DefaultStrategy;
        _strategy = options.OnFailureOnly
            ? new OneForOneStrategy(inner.MaxNrOfRetries, inner.WithinTimeRange, OnChildFailure)
            : inner;
        Directive OnChildFailure(Exception e)
        {
            var directive = inner.Decider(e);
            if (directive != Directive.Restart)
            {
                return directive;
            }

            // The restart happens here, later and with backoff: stop the child now and remember why.
            _restartAfterFailure = true;
            return Directive.Stop;
        }
    }

    protected override void PreStart() => StartChild();

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Terminated terminated:
                if (_child is not null && terminated.ActorRef.Equals(_child))
                {
                    OnChildTerminated();
                }

                return true;
            case StartChildTick:
                StartChild();
                return true;
            case ResetRestartCount reset:
                if (reset.Current == _restartCount)
                {
                    _restartCount = 0;
                }

                return true;
            case BackoffSupervisor.Reset when _options.ResetBackoff is null:
                _restartCount = 0;
                return true;
            case BackoffSupervisor.Reset:
                return false;
            case BackoffSupervisor.GetRestartCount:
                Sender.Tell(new BackoffSupervisor.RestartCount(_restartCount), Self);
                return true;
            case BackoffSupervisor.GetCurrentChild:
                Sender.Tell(new BackoffSupervisor.CurrentChild(_child), Self);
                return true;
            default:
                (_child ?? Context.System.DeadLetters).Forward(message, Context);
                return true;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;

    private void StartChild()
    {
        if (_child is null)
        {
            _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        }

        if (_options.ResetBackoff is { } resetBackoff)
        {
            Context.Timers.StartSingleTimer(ResetKey, new ResetRestartCount(_restartCount), resetBackoff);
        }
    }

    private void OnChildTerminated()
    {
        _child = null;
        var restart = !_options.OnFailureOnly || _restartAfterFailure;
        _restartAfterFailure = false;
        if (!restart)
        {
            Context.Stop(Self);
            return;
        }

        if (_options.MaxRetries >= 0 && _restartCount + 1 > _options.MaxRetries)
        {
            Context.Stop(Self);
            return;
        }

        Context.Timers.Cancel(ResetKey);
        var delay = _options.DelayFor(_restartCount, Random.Shared.NextDouble());
        Context.Timers.StartSingleTimer(StartChildKey, StartChildTick.Instance, delay);
        _restartCount++;
    }

    private sealed class StartChildTick
    {
        public static StartChildTick Instance { get; } = new();
    }

    private sealed record ResetRestartCount(int Current);
}
