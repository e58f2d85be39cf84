using System.Runtime.CompilerServices;

namespace TradingActors.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers, tried in the order they were declared; the first whose
/// type (and optional predicate) matches handles the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private List<Handler> _handlers = [];
    private List<Handler>? _configuring;
    private Stack<List<Handler>>? _behaviourStack;

    protected sealed override bool Receive(object message)
    {
        var handlers = _handlers;
        var type = message.GetType();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i].TryHandle(message, type))
            {
                return true;
            }
        }

        return false;
    }

    protected void Receive<T>(Action<T> handler, Predicate<T>? when = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<T>(handler, when));
    }

    /// <summary>The mailbox is held until the returned task completes; see <see cref="IActorContext.RunTask"/>.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? when = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new AsyncHandler<T>(this, handler, when));
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(new SyncHandler<object>(handler, null));
    }

    /// <summary>Replaces the current handlers (and any stacked behaviours) with those declared by <paramref name="configure"/>.</summary>
    protected void Become(Action configure)
    {
        var handlers = Build(configure);
        _behaviourStack?.Clear();
        _handlers = handlers;
    }

    protected void BecomeStacked(Action configure)
    {
        var handlers = Build(configure);
        (_behaviourStack ??= new Stack<List<Handler>>()).Push(_handlers);
        _handlers = handlers;
    }

    protected void UnbecomeStacked()
    {
        if (_behaviourStack is { Count: > 0 })
        {
            _handlers = _behaviourStack.Pop();
        }
    }

    private void Add(Handler handler) => (_configuring ?? _handlers).Add(handler);

    private List<Handler> Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _configuring;
        var handlers = new List<Handler>();
        _configuring = handlers;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }

        return handlers;
    }

    private abstract class Handler
    {
        /// <summary>Handles <paramref name="message"/> if it matches; <paramref name="type"/> is its type, asked once per message.</summary>
        public abstract bool TryHandle(object message, Type type);
    }

    private sealed class SyncHandler<T>(Action<T> handler, Predicate<T>? when) : Handler
    {
        // Handlers are shared generic code for reference types, where "message is T" is a call into the cast
        // helpers; comparing the exact type first is one load and compare for the common case (the message's
        // type is the handler's type). Only a sealed class can match nothing but its exact type. The answers are
        // copied into instance fields because a static of a shared generic class is itself a lookup away.
        private static readonly Type? ExactType = typeof(T).IsValueType ? null : typeof(T);
        private static readonly bool OnlyExactType = typeof(T) is { IsValueType: false, IsSealed: true, IsArray: false };

        private readonly Type? _exactType = ExactType;
        private readonly bool _onlyExactType = OnlyExactType;

        public override bool TryHandle(object message, Type type)
        {
            T typed;
            if (ReferenceEquals(type, _exactType))
            {
                typed = Unsafe.As<object, T>(ref message);
            }
            else if (_onlyExactType || message is not T other)
            {
                return false;
            }
            else
            {
                typed = other;
            }

            if (when is null || when(typed))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class AsyncHandler<T>(ReceiveActor actor, Func<T, Task> handler, Predicate<T>? when) : Handler
    {
        public override bool TryHandle(object message, Type type)
        {
            if (message is T typed && (when is null || when(typed)))
            {
                actor.Cell.RunTask(() => handler(typed));
                return true;
            }

            return false;
        }
    }
}
